using CircuitBreaker.Controller;

namespace CircuitBreaker.Actor;

/// <summary>The current <see cref="SuccessTally"/> and the ones it replaced: callers add to it lock-free, the actor
/// drains them all before each message.</summary>
internal sealed class SuccessTallies(Action<SuccessTally> postFlush)
{
    private volatile SuccessTally? _current;

    /// <summary>Adds one success of <paramref name="generation"/> in <paramref name="slot"/>. A message is posted only
    /// when a tally is replaced (once per slot), or when the success landed in a tally that was replaced meanwhile, so
    /// that no count is left behind.</summary>
    public void Add(long generation, long slot)
    {
        var tally = _current;
        while (tally is null || tally.Slot != slot || tally.Generation != generation)
        {
            var fresh = new SuccessTally(generation, slot, tally);
            var seen = Interlocked.CompareExchange(ref _current, fresh, tally);
            if (seen == tally)
            {
                if (tally is not null)
                {
                    postFlush(tally);
                }

                tally = fresh;
            }
            else
            {
                tally = seen;
            }
        }

        tally.Add();
        if (_current != tally)
        {
            postFlush(tally);
        }
    }

    /// <summary>Takes the successes tallied so far, newest tally first, and cuts the chain. Actor only.</summary>
    public void Drain(CircuitSet circuits, long now)
    {
        var tally = _current;
        if (tally is null)
        {
            return;
        }

        for (var current = tally; current is not null; current = current.Previous)
        {
            var count = current.Take();
            if (count > 0)
            {
                circuits.RecordSuccesses(current.Generation, current.Slot, count, now);
            }
        }

        tally.Previous = null;
    }
}
