namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What the breaker answered for one call: admitted or not, the deciding state when the entry point exposes
/// it (the throwing <c>ExecuteAsync</c> does not for an admitted call), and RetryAfter.</summary>
internal sealed record ObservedDecision(bool Admitted, BreakerState? State, TimeSpan? RetryAfter);
