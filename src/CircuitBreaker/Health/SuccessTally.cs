namespace CircuitBreaker.Health;

/// <summary>A counting mailbox for successes made while closed under a window policy: callers add to it with one
/// interlocked increment instead of writing one channel message per success, and the actor takes the count.
/// It belongs to one generation and one time bucket, so the successes land in the right bucket however late the
/// actor takes them. Only the caller that moves the count from 0 to 1 posts a message to wake the actor.</summary>
internal sealed class SuccessTally
{
    private long _count;

    public SuccessTally(long generation, long bucket, SuccessTally? previous)
    {
        Generation = generation;
        Bucket = bucket;
        Previous = previous;
    }

    public long Generation { get; }

    public long Bucket { get; }

    /// <summary>The tally this one replaced; the actor drains it too and then cuts the chain.</summary>
    public SuccessTally? Previous { get; set; }

    /// <summary>Adds one success; returns the new count.</summary>
    public long Add() => Interlocked.Increment(ref _count);

    /// <summary>Takes every success added so far.</summary>
    public long Take() => Interlocked.Exchange(ref _count, 0);
}
