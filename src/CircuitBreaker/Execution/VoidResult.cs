namespace CircuitBreaker.Execution;

/// <summary>The result of an operation that returns none.</summary>
internal readonly struct VoidResult;
