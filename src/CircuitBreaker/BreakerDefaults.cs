namespace CircuitBreaker;

/// <summary>Every default and every limit of the breaker's options, in one place. Properties, not constants, so a
/// caller compiled against one version of the library sees the values of the version it runs with.</summary>
public static class BreakerDefaults
{
    /// <summary>Default <see cref="BreakerOptions.Name"/>: "default".</summary>
    public static string Name => "default";

    /// <summary>Default failures in a row for <see cref="BreakerPolicy.ConsecutiveFailures()"/>: 5.</summary>
    public static int ConsecutiveFailures => 5;

    /// <summary>Default number of buckets of a rolling window: 10.</summary>
    public static int BucketCount => 10;

    /// <summary>Largest allowed number of buckets of a rolling window: 1,000.</summary>
    public static int MaxBucketCount => 1000;

    /// <summary>Default minimum number of calls in the window before <see cref="BreakerPolicy.FailureRatio(TimeSpan, double)"/> may open: 10.</summary>
    public static int MinimumThroughput => 10;

    /// <summary>Largest allowed number of calls of <see cref="BreakerPolicy.LastCalls"/>: 100,000.</summary>
    public static int MaxLastCalls => 100_000;

    /// <summary>Default <see cref="BreakerOptions.HalfOpenMaxCalls"/>: 1.</summary>
    public static int HalfOpenMaxCalls => 1;

    /// <summary>Largest allowed <see cref="BreakerOptions.HalfOpenMaxCalls"/>: 10,000.</summary>
    public static int MaxHalfOpenMaxCalls => 10_000;

    /// <summary>Default <see cref="BreakerOptions.SuccessesToClose"/>: 1.</summary>
    public static int SuccessesToClose => 1;

    /// <summary>Largest allowed <see cref="BreakerOptions.SuccessesToClose"/>: 10,000.</summary>
    public static int MaxSuccessesToClose => 10_000;

    /// <summary>Default <see cref="BreakerOptions.BreakDurationGrowthFactor"/>: 1, a fixed break.</summary>
    public static double BreakDurationGrowthFactor => 1.0;

    /// <summary>Largest allowed <see cref="BreakerOptions.BreakDurationGrowthFactor"/>: 100.</summary>
    public static double MaxBreakDurationGrowthFactor => 100.0;

    /// <summary>Largest number of <see cref="BreakerOptions.ShadowPolicies"/>: 100.</summary>
    public static int MaxShadowPolicies => 100;

    /// <summary>Default break duration for the policies that use half-open recovery: 30 seconds.</summary>
    public static TimeSpan BreakDuration => TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="BreakerOptions.MaxBreakDuration"/>: 5 minutes.</summary>
    public static TimeSpan MaxBreakDuration => TimeSpan.FromMinutes(5);

    /// <summary>Default <see cref="BreakerOptions.TrialDeadline"/>: 30 seconds.</summary>
    public static TimeSpan TrialDeadline => TimeSpan.FromSeconds(30);

    /// <summary>Longest allowed duration for any option (break, cap, window, deadline, slow-call threshold): 1 day.</summary>
    public static TimeSpan LongestDuration => TimeSpan.FromDays(1);
}
