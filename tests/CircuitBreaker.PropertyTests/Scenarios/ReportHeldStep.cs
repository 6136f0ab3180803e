namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Reports the outcome of the held permit <c>Index % held</c> places from the newest (nothing when none is held). With
/// <paramref name="KeepForAnotherReport"/> the permit stays held, so a later step reports it again, which must be ignored.</summary>
internal sealed record ReportHeldStep(int Index, CallOutcome Outcome, bool KeepForAnotherReport, long? RetryAfterTicks = null, PermitReport Report = PermitReport.Typed) : Step
{
    public override string ToString() =>
        $"ReportHeld(#{Index}, {Outcome}{CallStep.RetryAfterText(RetryAfterTicks)}, {Report}{(KeepForAnotherReport ? ", keep" : "")})";
}
