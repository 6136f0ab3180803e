namespace CircuitBreaker.Controller;

/// <summary>One state change made by the controller; <see cref="At"/> is the logical instant (ticks since the
/// breaker's origin) at which the rule fired, which may be earlier than when it was noticed.</summary>
internal readonly record struct Transition(CircuitState From, CircuitState To, long At, string Reason);
