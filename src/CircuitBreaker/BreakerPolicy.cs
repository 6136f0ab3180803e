using System.Globalization;

namespace CircuitBreaker;

/// <summary>The rule that opens the circuit. Create one with <see cref="ConsecutiveFailures(int)"/>,
/// <see cref="RollingWindow"/> or <see cref="FailureRatio"/>; arguments are checked when it is created.</summary>
/// <remarks>The window-based policies count in a ring of <see cref="BucketCount"/> time buckets, each
/// <see cref="BucketResolution"/> = <see cref="Window"/> / <see cref="BucketCount"/> wide. The window at any
/// instant is the current bucket and the <see cref="BucketCount"/> − 1 before it, so an outcome stays counted
/// for more than <c>Window − BucketResolution</c> and at most <see cref="Window"/>: it leaves at the edge of
/// its bucket. Memory is fixed by the bucket count whatever the traffic; recording and querying are O(1)
/// (moving the window forward clears at most <see cref="BucketCount"/> buckets).</remarks>
public sealed class BreakerPolicy
{
    private BreakerPolicy(BreakerPolicyKind kind, int failureThreshold, TimeSpan window, int bucketCount, double ratio, int minimumThroughput)
    {
        Kind = kind;
        FailureThreshold = failureThreshold;
        Window = window;
        BucketCount = bucketCount;
        Ratio = ratio;
        MinimumThroughput = minimumThroughput;
    }

    /// <summary>Which rule this is.</summary>
    public BreakerPolicyKind Kind { get; }

    /// <summary>For <see cref="BreakerPolicyKind.ConsecutiveFailures"/>: the failures in a row that open the circuit.
    /// For <see cref="BreakerPolicyKind.RollingWindow"/>: the failures the window may hold; one more opens it.
    /// 0 for <see cref="BreakerPolicyKind.FailureRatio"/>.</summary>
    public int FailureThreshold { get; }

    /// <summary>The rolling window of the window-based policies; <see cref="TimeSpan.Zero"/> for consecutive failures.</summary>
    public TimeSpan Window { get; }

    /// <summary>How many time buckets the window is cut into; 0 for consecutive failures.</summary>
    public int BucketCount { get; }

    /// <summary>The width of one bucket: <see cref="Window"/> / <see cref="BucketCount"/> (rounded down to a tick).</summary>
    public TimeSpan BucketResolution => BucketCount == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(Window.Ticks / BucketCount);

    /// <summary>For <see cref="BreakerPolicyKind.FailureRatio"/>: the failed share (0 &lt; ratio ≤ 1) that opens the circuit.</summary>
    public double Ratio { get; }

    /// <summary>For <see cref="BreakerPolicyKind.FailureRatio"/>: calls the window must hold before the ratio is judged.</summary>
    public int MinimumThroughput { get; }

    /// <summary>Open after <paramref name="failures"/> failures in a row; a success resets the count.</summary>
    /// <param name="failures">Failures in a row that open the circuit, at least 1 (default <see cref="BreakerDefaults.ConsecutiveFailures"/>).</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy ConsecutiveFailures(int failures = BreakerDefaults.ConsecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        return new BreakerPolicy(BreakerPolicyKind.ConsecutiveFailures, failures, TimeSpan.Zero, 0, 0, 0);
    }

    /// <summary>Open when the failures inside the last <paramref name="window"/> exceed <paramref name="threshold"/>.
    /// Unless <see cref="BreakerOptions.BreakDuration"/> is set, the circuit closes by itself as soon as the
    /// failures still inside the window fall back to <paramref name="threshold"/> or fewer.</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="threshold">The failures the window may hold without opening, at least 0.</param>
    /// <param name="bucketCount">Buckets in the window, 1 to <see cref="BreakerDefaults.MaxBucketCount"/>; the
    /// resolution is <paramref name="window"/> / <paramref name="bucketCount"/>.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy RollingWindow(TimeSpan window, int threshold, int bucketCount = BreakerDefaults.BucketCount)
    {
        CheckWindow(window, bucketCount);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        return new BreakerPolicy(BreakerPolicyKind.RollingWindow, threshold, window, bucketCount, 0, 0);
    }

    /// <summary>Open when at least <paramref name="minimumThroughput"/> calls fall inside the last
    /// <paramref name="window"/> and the failed share of them is at least <paramref name="ratio"/>.</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="ratio">The failed share that opens the circuit, greater than 0 and at most 1.</param>
    /// <param name="minimumThroughput">Calls needed before the ratio is judged, at least 1 (default <see cref="BreakerDefaults.MinimumThroughput"/>).</param>
    /// <param name="bucketCount">Buckets in the window, 1 to <see cref="BreakerDefaults.MaxBucketCount"/>.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy FailureRatio(TimeSpan window, double ratio, int minimumThroughput = BreakerDefaults.MinimumThroughput, int bucketCount = BreakerDefaults.BucketCount)
    {
        CheckWindow(window, bucketCount);
        if (!(ratio > 0 && ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The failure ratio must be greater than 0 and at most 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minimumThroughput, 1);
        return new BreakerPolicy(BreakerPolicyKind.FailureRatio, 0, window, bucketCount, ratio, minimumThroughput);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        BreakerPolicyKind.ConsecutiveFailures => string.Create(CultureInfo.InvariantCulture, $"{FailureThreshold} consecutive failures"),
        BreakerPolicyKind.RollingWindow => string.Create(CultureInfo.InvariantCulture, $"more than {FailureThreshold} failures in {DurationText.Format(Window)}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"failure ratio {Ratio:0.###} over {DurationText.Format(Window)} (minimum {MinimumThroughput} calls)"),
    };

    private static void CheckWindow(TimeSpan window, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, BreakerDefaults.LongestDuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketCount, BreakerDefaults.MaxBucketCount);
    }
}
