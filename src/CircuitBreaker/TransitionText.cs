using System.Globalization;

namespace CircuitBreaker;

/// <summary>Turns a transition's numbers into its <see cref="CircuitTransition.Reason"/>.</summary>
internal static class TransitionText
{
    public static string Describe(CircuitTransition t)
    {
        var window = t.Window is { } w ? DurationText.Format(w) : string.Empty;
        var text = t.Rule switch
        {
            TransitionRule.ConsecutiveFailures => Invariant($"{t.Failures} consecutive failures"),
            TransitionRule.FailuresInWindow => Invariant($"{t.Failures} failures in the last {window} (opens at {t.Threshold})"),
            TransitionRule.FailureRatio => Invariant($"{t.Failures} of {t.Calls} calls failed in the last {window}: {100 * t.Ratio:0.##}% >= {100 * t.RatioThreshold:0.##}%"),
            TransitionRule.FailuresInLastCalls => Invariant($"{t.Failures} of the last {t.Calls} calls failed (opens at {t.Threshold})"),
            TransitionRule.BreakEnded => Invariant($"break of {DurationText.Format(t.Duration ?? TimeSpan.Zero)} ended"),
            TransitionRule.FailuresAgedOut => Invariant($"failures aged out: {t.Failures} in the last {window} < {t.Threshold}"),
            TransitionRule.TrialsSucceeded => t.Threshold == 1 ? "1 trial succeeded" : Invariant($"{t.Threshold} trials succeeded"),
            TransitionRule.TrialFailed => "trial failed",
            TransitionRule.TrialDeadlineExceeded => Invariant($"trial exceeded its deadline of {DurationText.Format(t.Duration ?? TimeSpan.Zero)}"),
            TransitionRule.Isolated => "isolated manually",
            TransitionRule.Shared => Invariant($"the shared circuit is {StateText(t.To)} across the fleet"),
            _ => "reset manually",
        };
        return t.RetryAfter switch
        {
            { } asked when t.BreakDuration < asked =>
                Invariant($"{text}; break {DurationText.Format(t.BreakDuration!.Value)}: the provider's retry-after of {DurationText.Format(asked)}, capped"),
            { } asked => Invariant($"{text}; break {DurationText.Format(t.BreakDuration!.Value)} as the provider's retry-after of {DurationText.Format(asked)} asks"),
            _ => text,
        };
    }

    private static string StateText(BreakerState state) => state switch
    {
        BreakerState.Open => "open",
        BreakerState.HalfOpen => "half-open",
        BreakerState.Isolated => "isolated",
        _ => "closed",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
