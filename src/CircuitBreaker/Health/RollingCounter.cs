namespace CircuitBreaker.Health;

/// <summary>Counts calls and failures in a rolling window: a ring of <c>bucketCount</c> time buckets, each
/// <c>bucketTicks</c> wide. The window at bucket <c>h</c> holds buckets <c>h − bucketCount + 1 .. h</c>.
/// Fixed memory; recording and reading are O(1), moving forward clears at most <c>bucketCount</c> buckets.
/// Owned by the breaker's actor: not thread-safe.</summary>
internal sealed class RollingCounter
{
    private readonly long[] _failures;
    private readonly long[] _calls;
    private long _head;

    public RollingCounter(long bucketTicks, int bucketCount)
    {
        BucketTicks = bucketTicks;
        BucketCount = bucketCount;
        _failures = new long[bucketCount];
        _calls = new long[bucketCount];
    }

    /// <summary>A counter for a policy's window of <paramref name="window"/> cut into <paramref name="bucketCount"/> buckets.</summary>
    public static RollingCounter For(TimeSpan window, int bucketCount) => new(Math.Max(1, window.Ticks / bucketCount), bucketCount);

    public long BucketTicks { get; }

    public int BucketCount { get; }

    public long Failures { get; private set; }

    public long Calls { get; private set; }

    /// <summary>The bucket the window currently ends at.</summary>
    public long Head => _head;

    public long BucketOf(long ticks) => ticks / BucketTicks;

    /// <summary>Moves the window forward so that it ends at <paramref name="bucket"/>; never moves back.</summary>
    public void AdvanceTo(long bucket)
    {
        if (bucket <= _head)
        {
            return;
        }

        // Every slot holds a bucket inside the current window, so each slot re-used for a new bucket holds
        // exactly the bucket that is leaving the window.
        var first = Math.Max(_head + 1, bucket - BucketCount + 1);
        for (var id = first; id <= bucket; id++)
        {
            var slot = Slot(id);
            Failures -= _failures[slot];
            Calls -= _calls[slot];
            _failures[slot] = 0;
            _calls[slot] = 0;
        }

        _head = bucket;
    }

    public void AddFailure(long bucket)
    {
        if (Accepts(bucket))
        {
            var slot = Slot(bucket);
            _failures[slot]++;
            _calls[slot]++;
            Failures++;
            Calls++;
        }
    }

    public void AddSuccesses(long bucket, long count)
    {
        if (Accepts(bucket))
        {
            _calls[Slot(bucket)] += count;
            Calls += count;
        }
    }

    public void Clear()
    {
        Array.Clear(_failures);
        Array.Clear(_calls);
        Failures = 0;
        Calls = 0;
    }

    /// <summary>The first bucket, at or after the head, at which the window holds at most
    /// <paramref name="threshold"/> failures if none are added.</summary>
    public long FirstBucketWithFailuresAtMost(long threshold)
    {
        var remaining = Failures;
        var bucket = _head;
        var oldest = _head - BucketCount + 1;
        while (remaining > threshold)
        {
            // Moving to bucket + 1 drops the oldest bucket of the window.
            remaining -= _failures[Slot(oldest)];
            oldest++;
            bucket++;
        }

        return bucket;
    }

    private bool Accepts(long bucket)
    {
        if (bucket > _head)
        {
            AdvanceTo(bucket);
        }

        return bucket > _head - BucketCount;
    }

    private int Slot(long bucket) => (int)(((bucket % BucketCount) + BucketCount) % BucketCount);
}
