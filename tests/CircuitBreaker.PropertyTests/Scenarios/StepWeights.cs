namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>How often each kind of step is drawn, so that each property spends its steps where its rules live.</summary>
/// <remarks><paramref name="Successes"/> and <paramref name="Failures"/> weigh the outcomes of calls and reports against
/// each other (ignored and cancelled outcomes weigh 1 each).</remarks>
internal sealed record StepWeights(int Call, int Acquire, int ReportHeld, int Advance, int Isolate, int Reset, int Snapshot, int Successes, int Failures)
{
    public static readonly StepWeights Default = new(Call: 40, Acquire: 5, ReportHeld: 5, Advance: 24, Isolate: 1, Reset: 3, Snapshot: 6, Successes: 4, Failures: 4);

    /// <summary>Many permits held at once, for several half-open trials in flight, and mostly successes, so that runs
    /// of several successful trials (needed to close) are common.</summary>
    public static readonly StepWeights ManyPermits = new(Call: 24, Acquire: 16, ReportHeld: 16, Advance: 20, Isolate: 1, Reset: 3, Snapshot: 6, Successes: 7, Failures: 3);

    /// <summary>For shadows behind a breaker that never opens: mostly calls and time, with permits held across Reset
    /// and Isolate now and then, so that stale outcomes reach the shadows too.</summary>
    public static readonly StepWeights Shadows = new(Call: 40, Acquire: 6, ReportHeld: 6, Advance: 26, Isolate: 1, Reset: 4, Snapshot: 4, Successes: 4, Failures: 4);
}
