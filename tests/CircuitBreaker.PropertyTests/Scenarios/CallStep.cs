namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>A call made and finished within the step; <paramref name="DurationTicks"/> of fake time pass while it runs
/// (when it is admitted).</summary>
internal sealed record CallStep(CallOutcome Outcome, CallStyle Style, long DurationTicks) : Step
{
    public override string ToString() => $"Call({Outcome}, {Style}, {DurationTicks} ticks)";
}
