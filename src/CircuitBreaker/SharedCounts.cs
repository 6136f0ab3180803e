namespace CircuitBreaker;

/// <summary>The fleet's numbers for the breaker's policy: every instance's outcomes summed over the policy's window
/// (time, or the last calls), and the fleet's failures in a row.</summary>
/// <param name="FleetGeneration">The fleet generation the numbers belong to; numbers of an older one are ignored.</param>
/// <param name="Failures">Failures in the window.</param>
/// <param name="Calls">Calls (successes and failures) in the window.</param>
/// <param name="ConsecutiveFailures">Failures in a row across the fleet: reset by any instance's success.</param>
public readonly record struct SharedCounts(long FleetGeneration, long Failures, long Calls, long ConsecutiveFailures);
