namespace CircuitBreaker.Actor;

/// <summary>The closed calls' outcomes counted since the last batch went to the shared circuit's member. Actor only.</summary>
internal sealed class OutcomeBatch
{
    private long _successes;
    private long _failures;
    private long _trailing;

    public bool IsEmpty => _successes == 0 && _failures == 0;

    public void AddSuccesses(long count)
    {
        if (count > 0)
        {
            _successes += count;
            _trailing = 0;
        }
    }

    public void AddFailure()
    {
        _failures++;
        _trailing++;
    }

    /// <summary>Takes the batch, dated to <paramref name="fleetGeneration"/>, and starts a new one.</summary>
    public SharedOutcomes Take(long fleetGeneration)
    {
        var batch = new SharedOutcomes(_successes, _failures, _trailing, fleetGeneration);
        Clear();
        return batch;
    }

    public void Clear() => (_successes, _failures, _trailing) = (0, 0, 0);
}
