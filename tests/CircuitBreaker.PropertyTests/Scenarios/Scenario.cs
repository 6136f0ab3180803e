using System.Globalization;
using System.Text;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Breaker options and the steps to run; printed in full when a property fails. With
/// <paramref name="SnapshotEveryStep"/> the state changes and the snapshot are compared after every step; without it
/// only at <see cref="SnapshotStep"/>s and at the end, so that calls run back to back with nothing waiting for the
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
        var policy = options.Policy;
        var window = policy.Kind == BreakerPolicyKind.ConsecutiveFailures
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" (window {policy.Window.Ticks} ticks, {policy.BucketCount} buckets of {policy.BucketResolution.Ticks})");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{policy}{window}; break {options.BreakDuration?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "default"} ticks × {options.BreakDurationGrowthFactor} up to {options.MaxBreakDuration.Ticks}; "
            + $"half-open {options.HalfOpenMaxCalls} at once, {options.SuccessesToClose} to close, trial deadline {options.TrialDeadline.Ticks}; "
            + $"slow calls {options.SlowCallThreshold?.Ticks.ToString(CultureInfo.InvariantCulture) ?? "off"}");
    }
}
