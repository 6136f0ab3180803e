namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary><see cref="Breaker.ResetAsync"/>.</summary>
internal sealed record ResetStep : Step
{
    public override string ToString() => "Reset";
}
