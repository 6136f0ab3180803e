namespace KeyValue.Faults;

/// <summary>
/// A spec as it runs: when it was set, its seed, and the numbers handed out under it. Replaced, never mutated
/// except for the counter, so a spec change restarts the numbering without a lock.
/// </summary>
internal sealed class ActiveSchedule
{
    private long _issued;

    public ActiveSchedule(FaultSpec spec, long effectiveSeed, long setAtTimestamp)
    {
        Spec = spec;
        EffectiveSeed = effectiveSeed;
        SetAtTimestamp = setAtTimestamp;
    }

    public FaultSpec Spec { get; }

    public long EffectiveSeed { get; }

    public long SetAtTimestamp { get; }

    public long Issued => Volatile.Read(ref _issued);

    /// <summary>Hands out the next request number; each number exactly once, across threads.</summary>
    public long NextRequestNumber() => Interlocked.Increment(ref _issued);
}
