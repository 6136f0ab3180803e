namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>One step of a scenario, run against the breaker and the reference model alike.</summary>
internal abstract record Step;
