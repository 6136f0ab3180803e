namespace CircuitBreaker.Controller;

/// <summary>The half-open trials in flight, each with its deadline. At most a few thousand; a list is fine.</summary>
internal sealed class TrialSlots
{
    private readonly List<(long Id, long Deadline)> _trials = [];
    private long _nextId = 1;

    public int Count => _trials.Count;

    /// <summary>The earliest deadline of the trials in flight, or <see cref="long.MaxValue"/>.</summary>
    public long EarliestDeadline
    {
        get
        {
            var earliest = long.MaxValue;
            foreach (var trial in _trials)
            {
                earliest = Math.Min(earliest, trial.Deadline);
            }

            return earliest;
        }
    }

    public long Add(long deadline)
    {
        var id = _nextId++;
        _trials.Add((id, deadline));
        return id;
    }

    /// <summary>Removes the trial; false when it is not in flight (already reported, or cleared by a transition).</summary>
    public bool Remove(long id)
    {
        var index = _trials.FindIndex(trial => trial.Id == id);
        if (index < 0)
        {
            return false;
        }

        _trials.RemoveAt(index);
        return true;
    }

    public void Clear() => _trials.Clear();
}
