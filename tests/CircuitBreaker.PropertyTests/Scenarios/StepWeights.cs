namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>How often each kind of step is drawn, so that each property spends its steps where its rules live.</summary>
internal sealed record StepWeights(int Call, int Acquire, int ReportHeld, int Advance, int Isolate, int Reset, int Snapshot)
{
    public static readonly StepWeights Default = new(Call: 20, Acquire: 3, ReportHeld: 3, Advance: 12, Isolate: 1, Reset: 1, Snapshot: 4);

    /// <summary>Many permits held at once: for several half-open trials in flight.</summary>
    public static readonly StepWeights ManyPermits = new(Call: 12, Acquire: 8, ReportHeld: 8, Advance: 10, Isolate: 1, Reset: 1, Snapshot: 4);
}
