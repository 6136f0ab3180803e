namespace CircuitBreaker;

/// <summary>A batch of closed calls' outcomes, for a shared circuit's fleet counts.</summary>
/// <param name="Successes">Successes in the batch.</param>
/// <param name="Failures">Failures in the batch.</param>
/// <param name="FailuresSinceLastSuccess">Failures after the batch's last success (all of them when it has none): what
/// a fleet-wide count of failures in a row continues with.</param>
/// <param name="FleetGeneration">The fleet generation the outcomes were counted in.</param>
public readonly record struct SharedOutcomes(long Successes, long Failures, long FailuresSinceLastSuccess, long FleetGeneration);
