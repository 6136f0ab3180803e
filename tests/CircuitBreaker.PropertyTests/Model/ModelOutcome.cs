namespace CircuitBreaker.PropertyTests.Model;

/// <summary>How an admitted call ended, as the breaker should count it (before the slow-call rule).</summary>
internal enum ModelOutcome
{
    Success,
    Failure,
    Ignored,
}
