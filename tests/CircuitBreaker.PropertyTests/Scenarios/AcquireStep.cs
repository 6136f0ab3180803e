namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Acquires a permit and holds it (when granted) for a later <see cref="ReportHeldStep"/>, so that one
/// sequential caller can have several calls in flight — the way to hold several half-open trials at once.</summary>
internal sealed record AcquireStep : Step
{
    public override string ToString() => "Acquire";
}
