namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Acquires <paramref name="Count"/> permits one after another and holds the granted ones for later
/// <see cref="ReportHeldStep"/>s, so that one sequential caller can have several calls in flight — the way to hold
/// several half-open trials at once.</summary>
internal sealed record AcquireStep(int Count) : Step
{
    public override string ToString() => Count == 1 ? "Acquire" : $"Acquire ×{Count}";
}
