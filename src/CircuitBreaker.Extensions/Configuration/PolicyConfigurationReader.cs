using Microsoft.Extensions.Configuration;

namespace CircuitBreaker.Extensions.Configuration;

/// <summary>Reads a <see cref="BreakerPolicy"/> from a section such as
/// <c>{ "Kind": "RollingWindow", "Window": "00:00:10", "Threshold": 5 }</c>, for every policy kind of the core:
/// <list type="bullet">
/// <item><c>ConsecutiveFailures</c>: <c>Threshold</c> (optional, default 5).</item>
/// <item><c>RollingWindow</c>: <c>Window</c>, <c>Threshold</c>; <c>BucketCount</c> optional.</item>
/// <item><c>FailureRatio</c>: <c>Window</c>, <c>Ratio</c>; <c>MinimumThroughput</c> and <c>BucketCount</c> optional.</item>
/// <item><c>LastCalls</c>: <c>Calls</c>, <c>Threshold</c>.</item>
/// </list>
/// An unknown kind, a missing or unreadable field, an unknown field, or an argument the factory refuses is noted as a
/// problem, and no policy is returned.</summary>
internal static class PolicyConfigurationReader
{
    public const string ConsecutiveFailures = nameof(ConsecutiveFailures);
    public const string RollingWindow = nameof(RollingWindow);
    public const string FailureRatio = nameof(FailureRatio);
    public const string LastCalls = nameof(LastCalls);

    private const string Kind = nameof(Kind);
    private const string Threshold = nameof(Threshold);
    private const string Window = nameof(Window);
    private const string BucketCount = nameof(BucketCount);
    private const string Ratio = nameof(Ratio);
    private const string MinimumThroughput = nameof(MinimumThroughput);
    private const string Calls = nameof(Calls);

    private static readonly string[] Kinds = [ConsecutiveFailures, RollingWindow, FailureRatio, LastCalls];

    public static BreakerPolicy? Read(IConfiguration section, List<string> problems)
    {
        var kind = section[Kind];
        if (string.IsNullOrWhiteSpace(kind))
        {
            problems.Add($"{ConfigurationValues.PathOf(section, Kind)}: a policy needs a Kind, one of {string.Join(", ", Kinds)}.");
            return null;
        }

        var found = Kinds.FirstOrDefault(k => string.Equals(k, kind.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is null)
        {
            problems.Add($"{ConfigurationValues.PathOf(section, Kind)}: '{kind}' is not a policy kind; expected one of {string.Join(", ", Kinds)}.");
            return null;
        }

        var before = problems.Count;
        var create = found switch
        {
            ConsecutiveFailures => ReadConsecutive(section, problems),
            RollingWindow => ReadRollingWindow(section, problems),
            FailureRatio => ReadFailureRatio(section, problems),
            _ => ReadLastCalls(section, problems),
        };
        if (problems.Count > before || create is null)
        {
            return null;
        }

        try
        {
            return create();
        }
        catch (ArgumentException refused)
        {
            // The factory names the argument and the rule it broke; one line is enough here.
            var reason = refused.Message.ReplaceLineEndings(" ");
            problems.Add($"{ConfigurationValues.PathOf(section, Kind)}: the {found} policy refused its settings: {reason}");
            return null;
        }
    }

    private static Func<BreakerPolicy>? ReadConsecutive(IConfiguration section, List<string> problems)
    {
        ConfigurationValues.RejectUnknown(section, [Kind, Threshold], "a ConsecutiveFailures policy", problems);
        var threshold = ConfigurationValues.Int(section, Threshold, problems);
        return () => threshold is { } failures ? BreakerPolicy.ConsecutiveFailures(failures) : BreakerPolicy.ConsecutiveFailures();
    }

    private static Func<BreakerPolicy>? ReadRollingWindow(IConfiguration section, List<string> problems)
    {
        ConfigurationValues.RejectUnknown(section, [Kind, Window, Threshold, BucketCount], "a RollingWindow policy", problems);
        var window = Required(ConfigurationValues.TimeSpan(section, Window, problems), section, Window, RollingWindow, problems);
        var threshold = Required(ConfigurationValues.Int(section, Threshold, problems), section, Threshold, RollingWindow, problems);
        var buckets = ConfigurationValues.Int(section, BucketCount, problems);
        return window is { } w && threshold is { } t
            ? () => BreakerPolicy.RollingWindow(w, t, buckets ?? BreakerDefaults.BucketCount)
            : null;
    }

    private static Func<BreakerPolicy>? ReadFailureRatio(IConfiguration section, List<string> problems)
    {
        ConfigurationValues.RejectUnknown(section, [Kind, Window, Ratio, MinimumThroughput, BucketCount], "a FailureRatio policy", problems);
        var window = Required(ConfigurationValues.TimeSpan(section, Window, problems), section, Window, FailureRatio, problems);
        var ratio = Required(ConfigurationValues.Double(section, Ratio, problems), section, Ratio, FailureRatio, problems);
        var throughput = ConfigurationValues.Int(section, MinimumThroughput, problems);
        var buckets = ConfigurationValues.Int(section, BucketCount, problems);
        return window is { } w && ratio is { } r
            ? () => BreakerPolicy.FailureRatio(w, r, throughput ?? BreakerDefaults.MinimumThroughput, buckets ?? BreakerDefaults.BucketCount)
            : null;
    }

    private static Func<BreakerPolicy>? ReadLastCalls(IConfiguration section, List<string> problems)
    {
        ConfigurationValues.RejectUnknown(section, [Kind, Calls, Threshold], "a LastCalls policy", problems);
        var calls = Required(ConfigurationValues.Int(section, Calls, problems), section, Calls, LastCalls, problems);
        var threshold = Required(ConfigurationValues.Int(section, Threshold, problems), section, Threshold, LastCalls, problems);
        return calls is { } c && threshold is { } t ? () => BreakerPolicy.LastCalls(c, t) : null;
    }

    /// <summary>Notes a missing required field (one that is present but unreadable was noted already).</summary>
    private static T? Required<T>(T? value, IConfiguration section, string key, string kind, List<string> problems)
        where T : struct
    {
        if (value is null && string.IsNullOrWhiteSpace(section[key]))
        {
            problems.Add($"{ConfigurationValues.PathOf(section, key)}: required by the {kind} policy.");
        }

        return value;
    }
}
