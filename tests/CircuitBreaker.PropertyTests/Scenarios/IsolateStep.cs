namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary><see cref="Breaker.IsolateAsync"/>.</summary>
internal sealed record IsolateStep : Step
{
    public override string ToString() => "Isolate";
}
