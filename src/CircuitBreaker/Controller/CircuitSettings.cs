namespace CircuitBreaker.Controller;

/// <summary>What a circuit needs of the options besides its policy, in ticks. <c>BreakTicks</c> is null when the
/// circuit recovers by failures ageing out.</summary>
internal sealed record CircuitSettings(
    long? BreakTicks,
    double GrowthFactor,
    long BreakCapTicks,
    int HalfOpenMaxCalls,
    int SuccessesToClose,
    long TrialDeadlineTicks,
    DateTimeOffset OriginUtc)
{
    public static CircuitSettings From(BreakerOptions options, DateTimeOffset originUtc) => new(
        options.EffectiveBreakDuration?.Ticks,
        options.BreakDurationGrowthFactor,
        options.BreakCap.Ticks,
        options.HalfOpenMaxCalls,
        options.SuccessesToClose,
        options.TrialDeadline.Ticks,
        originUtc);

    /// <summary>The same settings for a shadow policy, whose own recovery may differ (ageing or a break).</summary>
    public CircuitSettings ForPolicy(BreakerOptions options, BreakerPolicy policy)
    {
        var breakDuration = options.BreakDuration ?? (policy.RecoversByAgeing ? null : BreakerDefaults.BreakDuration);
        var cap = breakDuration is { } fixedBreak && fixedBreak > options.MaxBreakDuration ? fixedBreak : options.MaxBreakDuration;
        return this with { BreakTicks = breakDuration?.Ticks, BreakCapTicks = cap.Ticks };
    }

    /// <summary>The break after <paramref name="reopens"/> re-opens in a row: base × factor^reopens, capped.</summary>
    public long BreakTicksAfter(int reopens)
    {
        var baseTicks = BreakTicks ?? 0;
        if (reopens == 0 || GrowthFactor <= 1)
        {
            return Math.Min(baseTicks, BreakCapTicks);
        }

        var grown = baseTicks * Math.Pow(GrowthFactor, reopens);

        // Rounded, not truncated: 100 ms × 1.2³ is 172.79999… ms in binary and must last 172.8 ms to the tick.
        return grown >= BreakCapTicks ? BreakCapTicks : (long)Math.Round(grown);
    }
}
