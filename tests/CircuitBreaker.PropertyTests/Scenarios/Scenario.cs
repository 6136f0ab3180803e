using System.Globalization;
using System.Text;
using CircuitBreaker.Policies;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Breaker options (shadow policies included) and the steps to run; printed in full when a property fails.
/// With <paramref name="SnapshotEveryStep"/> the state changes and the snapshot are compared after every step; without
/// it only at <see cref="SnapshotStep"/>s and at the end, so that calls run back to back with nothing waiting for the
/// actor in between (as a real sequential caller's would).</summary>
internal sealed record Scenario(BreakerOptions Options, bool SnapshotEveryStep, IReadOnlyList<Step> Steps)
{
    public override string ToString()
    {
        var text = new StringBuilder().AppendLine(Describe(Options));
        text.AppendLine(SnapshotEveryStep ? "snapshot after every step" : "snapshot at Snapshot steps");
        for (var i = 0; i < Steps.Count; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {i,3}: {Steps[i]}").AppendLine();
        }

        return text.ToString();
    }

    public static string Describe(BreakerOptions options)
    {
        var shadows = options.ShadowPolicies.Count == 0
            ? ""
            : "; shadows " + string.Join(", ", options.ShadowPolicies.Select(shadow => $"'{shadow.Key}' = {Describe(shadow.Value)}"));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Describe(options.Policy)}; break {options.BreakDuration?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "default"} ticks × {options.BreakDurationGrowthFactor} up to {options.MaxBreakDuration.Ticks}; "
            + $"half-open {options.HalfOpenMaxCalls} at once, {options.SuccessesToClose} to close, trial deadline {options.TrialDeadline.Ticks}; "
            + $"slow calls {options.SlowCallThreshold?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "off"}{shadows}");
    }

    public static string Describe(BreakerPolicy policy) => policy switch
    {
        RollingWindowPolicy window => string.Create(CultureInfo.InvariantCulture, $"{policy} (window {window.Window.Ticks} ticks, {window.BucketCount} buckets of {BucketTicks(policy)})"),
        FailureRatioPolicy ratio => string.Create(CultureInfo.InvariantCulture, $"{policy} (window {ratio.Window.Ticks} ticks, {ratio.BucketCount} buckets of {BucketTicks(policy)})"),
        _ => policy.ToString(),
    };

    /// <summary>The width of a time-window policy's buckets, as the breaker cuts them; 0 for the other policies.</summary>
    public static long BucketTicks(BreakerPolicy policy) => policy switch
    {
        RollingWindowPolicy window => Math.Max(1, window.Window.Ticks / window.BucketCount),
        FailureRatioPolicy ratio => Math.Max(1, ratio.Window.Ticks / ratio.BucketCount),
        _ => 0,
    };

    /// <summary>A time-window policy's window; zero for the other policies.</summary>
    public static TimeSpan WindowOf(BreakerPolicy policy) => policy switch
    {
        RollingWindowPolicy window => window.Window,
        FailureRatioPolicy ratio => ratio.Window,
        _ => TimeSpan.Zero,
    };
}
