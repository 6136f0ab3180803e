using CircuitBreaker.Policies;

namespace CircuitBreaker;

/// <summary>The rule that opens the circuit. Every rule has one meaning of "opens at": the circuit opens on the
/// failure that makes the count reach <c>failures</c> (so <c>ConsecutiveFailures(3)</c> opens at the 3rd failure in a
/// row, <c>RollingWindow(10 s, 3)</c> at the 3rd failure inside 10 s, <c>LastCalls(10, 4)</c> at the 4th failure among
/// the last 10 calls). Create one with the factories below; arguments are checked when it is created. A policy is
/// immutable and may be shared by many breakers: each breaker counts on its own.</summary>
/// <remarks>The time-window policies count in a ring of <c>bucketCount</c> time buckets, each
/// <c>window / bucketCount</c> wide. The window at any instant is the current bucket and the <c>bucketCount − 1</c>
/// before it, so an outcome stays counted for more than <c>window − window / bucketCount</c> and at most
/// <c>window</c>: it leaves at the edge of its bucket. Memory is fixed by the bucket count whatever the traffic;
/// recording and querying are O(1).</remarks>
public abstract class BreakerPolicy
{
    private protected BreakerPolicy()
    {
    }

    /// <summary>True when, without <see cref="BreakerOptions.BreakDuration"/>, the circuit recovers by failures ageing
    /// out of the window instead of by half-open trials.</summary>
    internal virtual bool RecoversByAgeing => false;

    /// <summary>Open at the <see cref="BreakerDefaults.ConsecutiveFailures"/>-th failure in a row.</summary>
    /// <returns>The policy.</returns>
    public static BreakerPolicy ConsecutiveFailures() => ConsecutiveFailures(BreakerDefaults.ConsecutiveFailures);

    /// <summary>Open at the <paramref name="failures"/>-th failure in a row; a success resets the count.</summary>
    /// <param name="failures">Failures in a row that open the circuit, at least 1.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy ConsecutiveFailures(int failures) => new ConsecutiveFailuresPolicy(failures);

    /// <summary>Open when the failures inside the last <paramref name="window"/> reach <paramref name="failures"/>,
    /// with <see cref="BreakerDefaults.BucketCount"/> buckets.</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="failures">Failures inside the window that open the circuit, at least 1.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy RollingWindow(TimeSpan window, int failures) => RollingWindow(window, failures, BreakerDefaults.BucketCount);

    /// <summary>Open when the failures inside the last <paramref name="window"/> reach <paramref name="failures"/>.
    /// Unless <see cref="BreakerOptions.BreakDuration"/> is set, the circuit then closes by itself as soon as the
    /// failures still inside the window fall below <paramref name="failures"/> (no half-open).</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="failures">Failures inside the window that open the circuit, at least 1.</param>
    /// <param name="bucketCount">Buckets in the window, 1 to <see cref="BreakerDefaults.MaxBucketCount"/>; the
    /// resolution is <paramref name="window"/> / <paramref name="bucketCount"/>.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy RollingWindow(TimeSpan window, int failures, int bucketCount) => new RollingWindowPolicy(window, failures, bucketCount);

    /// <summary>Open when at least <see cref="BreakerDefaults.MinimumThroughput"/> calls fall inside the last
    /// <paramref name="window"/> and their failed share reaches <paramref name="ratio"/>.</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="ratio">The failed share that opens the circuit, greater than 0 and at most 1.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy FailureRatio(TimeSpan window, double ratio) =>
        FailureRatio(window, ratio, BreakerDefaults.MinimumThroughput, BreakerDefaults.BucketCount);

    /// <summary>Open when at least <paramref name="minimumThroughput"/> calls fall inside the last
    /// <paramref name="window"/> and their failed share reaches <paramref name="ratio"/>.</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="ratio">The failed share that opens the circuit, greater than 0 and at most 1.</param>
    /// <param name="minimumThroughput">Calls needed before the ratio is judged, at least 1.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy FailureRatio(TimeSpan window, double ratio, int minimumThroughput) =>
        FailureRatio(window, ratio, minimumThroughput, BreakerDefaults.BucketCount);

    /// <summary>Open when at least <paramref name="minimumThroughput"/> calls fall inside the last
    /// <paramref name="window"/> and their failed share reaches <paramref name="ratio"/>.</summary>
    /// <param name="window">The window, between 1 ms and <see cref="BreakerDefaults.LongestDuration"/>.</param>
    /// <param name="ratio">The failed share that opens the circuit, greater than 0 and at most 1.</param>
    /// <param name="minimumThroughput">Calls needed before the ratio is judged, at least 1.</param>
    /// <param name="bucketCount">Buckets in the window, 1 to <see cref="BreakerDefaults.MaxBucketCount"/>.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy FailureRatio(TimeSpan window, double ratio, int minimumThroughput, int bucketCount) =>
        new FailureRatioPolicy(window, ratio, minimumThroughput, bucketCount);

    /// <summary>Open when <paramref name="failures"/> of the last <paramref name="calls"/> calls failed (a count-based
    /// window: the calls since the circuit last closed, when fewer). Time plays no part.</summary>
    /// <param name="calls">How many of the latest calls are looked at, 1 to <see cref="BreakerDefaults.MaxLastCalls"/>.</param>
    /// <param name="failures">Failures among them that open the circuit, 1 to <paramref name="calls"/>.</param>
    /// <returns>The policy.</returns>
    public static BreakerPolicy LastCalls(int calls, int failures) => new LastCallsPolicy(calls, failures);

    /// <summary>Creates this policy's counting for one circuit.</summary>
    internal abstract PolicyEvaluator CreateEvaluator();

    /// <summary>Describes the rule, e.g. "3 consecutive failures", "4 failures in 10 s".</summary>
    /// <returns>The description.</returns>
    public abstract override string ToString();

    /// <summary>Checks a time window and its bucket count.</summary>
    private protected static void CheckWindow(TimeSpan window, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(window, BreakerDefaults.LongestDuration);
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bucketCount, BreakerDefaults.MaxBucketCount);
    }
}
