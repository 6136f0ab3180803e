namespace CircuitBreaker.PropertyTests.Model;

/// <summary>The reference model's memory of the outcomes recorded while closed: every outcome with its instant, kept
/// in a plain list (no ring buffer), so counting "what is in the window" is a direct filter anyone can check.</summary>
/// <remarks>
/// Bucket semantics, matching the breaker's documented resolution (<see cref="BreakerPolicy.BucketResolution"/>):
/// time is cut into buckets of <c>bucketTicks = window.Ticks / bucketCount</c> (rounded down, at least one tick),
/// counted from the instant the breaker was created. At instant <c>now</c> the window is the bucket holding
/// <c>now</c> and the <c>bucketCount − 1</c> buckets before it, so an outcome recorded at <c>t</c> is inside the
/// window at <c>now</c> exactly when <c>now / bucketTicks − t / bucketTicks &lt; bucketCount</c>: it stays for more
/// than <c>window − bucketTicks</c> and at most <c>window</c>, and leaves at the edge of its bucket.
/// </remarks>
internal sealed class OutcomeLog(long bucketTicks, int bucketCount)
{
    private readonly List<(long At, bool Failed)> _entries = [];

    public long BucketTicks { get; } = bucketTicks;

    public long BucketOf(long ticks) => ticks / BucketTicks;

    public void Add(long at, bool failed) => _entries.Add((at, failed));

    public void Clear() => _entries.Clear();

    /// <summary>Failures inside the window that ends with bucket <paramref name="bucket"/>.</summary>
    public int FailuresInWindowEndingAt(long bucket) => _entries.Count(e => e.Failed && InWindow(e.At, bucket));

    /// <summary>Calls (failures and successes) inside the window that ends with bucket <paramref name="bucket"/>.</summary>
    public int CallsInWindowEndingAt(long bucket) => _entries.Count(e => InWindow(e.At, bucket));

    public int FailuresAt(long now) => FailuresInWindowEndingAt(BucketOf(now));

    public int CallsAt(long now) => CallsInWindowEndingAt(BucketOf(now));

    private bool InWindow(long at, long bucket) => bucket - BucketOf(at) < bucketCount;
}
