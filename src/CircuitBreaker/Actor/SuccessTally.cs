namespace CircuitBreaker.Actor;

/// <summary>A counting mailbox for successes made while closed: callers add to it with one interlocked increment
/// instead of writing one channel message per success, and the actor takes the count before it handles any message.
/// It belongs to one generation and one time slot, so the successes land in the right bucket however late the actor
/// takes them. Callers never touch the breaker's state: the actor alone turns tallies into counts.</summary>
internal sealed class SuccessTally
{
    private long _count;

    public SuccessTally(long generation, long slot, SuccessTally? previous)
    {
        Generation = generation;
        Slot = slot;
        Previous = previous;
    }

    public long Generation { get; }

    public long Slot { get; }

    /// <summary>The tally this one replaced; the actor drains it too and then cuts the chain.</summary>
    public SuccessTally? Previous { get; set; }

    public void Add() => Interlocked.Increment(ref _count);

    /// <summary>Takes every success added so far.</summary>
    public long Take() => Interlocked.Exchange(ref _count, 0);
}
