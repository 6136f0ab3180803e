namespace CircuitBreaker.Health;

/// <summary>A counting mailbox for successes made while closed under a window policy: callers add to it with one
/// interlocked increment instead of writing one channel message per success, and the actor takes the count before
/// it handles any message. It belongs to one generation and one time bucket, so the successes land in the right
/// bucket however late the actor takes them. Callers never touch the breaker's state: the actor alone turns
/// tallies into counts.</summary>
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

    /// <summary>Adds one success.</summary>
    public void Add() => Interlocked.Increment(ref _count);

    /// <summary>Takes every success added so far.</summary>
    public long Take() => Interlocked.Exchange(ref _count, 0);
}
