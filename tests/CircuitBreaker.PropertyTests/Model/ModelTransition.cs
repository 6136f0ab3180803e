namespace CircuitBreaker.PropertyTests.Model;

/// <summary>A state change of the model, dated at the instant (ticks since creation) its rule fired.</summary>
internal sealed record ModelTransition(CircuitState From, CircuitState To, long At);
