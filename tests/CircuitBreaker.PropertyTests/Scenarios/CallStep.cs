using System.Globalization;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>A call made and finished within the step; <paramref name="DurationTicks"/> of fake time pass while it runs
/// (when it is admitted). A failing outcome carries the provider's retry-after when <paramref name="RetryAfterTicks"/>
/// is set; a permit reports through <paramref name="Report"/>.</summary>
internal sealed record CallStep(CallOutcome Outcome, CallStyle Style, long DurationTicks, long? RetryAfterTicks = null, PermitReport Report = PermitReport.Typed) : Step
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"Call({Outcome}{RetryAfterText(RetryAfterTicks)}, {Style}{(Style == CallStyle.Permit ? $" {Report}" : "")}, {DurationTicks} ticks)");

    public static string RetryAfterText(long? retryAfterTicks) =>
        retryAfterTicks is { } ticks ? string.Create(CultureInfo.InvariantCulture, $" retry-after {ticks}") : "";
}
