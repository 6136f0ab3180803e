namespace CircuitBreaker;

/// <summary>Every default and every limit of the breaker's options, in one place.</summary>
public static class BreakerDefaults
{
    /// <summary>Default <see cref="BreakerOptions.Name"/>.</summary>
    public const string Name = "default";

    /// <summary>Default failures in a row for <see cref="BreakerPolicy.ConsecutiveFailures(int)"/>.</summary>
    public const int ConsecutiveFailures = 5;

    /// <summary>Default number of buckets of a rolling window.</summary>
    public const int BucketCount = 10;

    /// <summary>Largest allowed number of buckets of a rolling window.</summary>
    public const int MaxBucketCount = 1000;

    /// <summary>Default minimum number of calls in the window before <see cref="BreakerPolicy.FailureRatio"/> may trip.</summary>
    public const int MinimumThroughput = 10;

    /// <summary>Default <see cref="BreakerOptions.HalfOpenMaxCalls"/>.</summary>
    public const int HalfOpenMaxCalls = 1;

    /// <summary>Largest allowed <see cref="BreakerOptions.HalfOpenMaxCalls"/>.</summary>
    public const int MaxHalfOpenMaxCalls = 10_000;

    /// <summary>Default <see cref="BreakerOptions.SuccessesToClose"/>.</summary>
    public const int SuccessesToClose = 1;

    /// <summary>Largest allowed <see cref="BreakerOptions.SuccessesToClose"/>.</summary>
    public const int MaxSuccessesToClose = 10_000;

    /// <summary>Default <see cref="BreakerOptions.BreakDurationGrowthFactor"/>: 1, a fixed break.</summary>
    public const double BreakDurationGrowthFactor = 1.0;

    /// <summary>Largest allowed <see cref="BreakerOptions.BreakDurationGrowthFactor"/>.</summary>
    public const double MaxBreakDurationGrowthFactor = 100.0;

    /// <summary>Default break duration for the policies that use half-open recovery: 30 seconds.</summary>
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="BreakerOptions.MaxBreakDuration"/>: 5 minutes.</summary>
    public static readonly TimeSpan MaxBreakDuration = TimeSpan.FromMinutes(5);

    /// <summary>Default <see cref="BreakerOptions.TrialDeadline"/>: 30 seconds.</summary>
    public static readonly TimeSpan TrialDeadline = TimeSpan.FromSeconds(30);

    /// <summary>Longest allowed duration for any option (break, cap, window, deadline, slow-call threshold): 1 day.</summary>
    public static readonly TimeSpan LongestDuration = TimeSpan.FromDays(1);
}
