namespace KeyValue.Faults;

/// <summary>
/// A spec as it runs: when it was set, its seed, and the numbers handed out under it. Replaced, never mutated
/// except for the counter and its end, so a spec change restarts the numbering without a lock.
/// </summary>
internal sealed class ActiveSchedule
{
    private long _issued;
    private volatile bool _endReported;

    public ActiveSchedule(FaultSpec spec, long effectiveSeed, long setAtTimestamp, DateTimeOffset setAt)
    {
        Spec = spec;
        EffectiveSeed = effectiveSeed;
        SetAtTimestamp = setAtTimestamp;
        SetAt = setAt;
    }

    public FaultSpec Spec { get; }

    public long EffectiveSeed { get; }

    public long SetAtTimestamp { get; }

    /// <summary>When the spec was set, as a UTC instant: the end of a <c>FOR</c> spec is reported as this plus its duration.</summary>
    public DateTimeOffset SetAt { get; }

    public long Issued => Volatile.Read(ref _issued);

    /// <summary>
    /// Whether the end of this NEXT or FOR spec has been reported (set under the injector's change lock, read
    /// without it), so that it is reported exactly once whoever notices it first.
    /// </summary>
    public bool EndReported
    {
        get => _endReported;
        set => _endReported = value;
    }

    /// <summary>When the spec ended, once <see cref="EndReported"/>.</summary>
    public DateTimeOffset EndedAt { get; set; }

    /// <summary>The timer that reports the end of a FOR spec when no request comes to notice it; null for other specs.</summary>
    public ITimer? EndTimer { get; set; }

    /// <summary>Hands out the next request number; each number exactly once, across threads.</summary>
    public long NextRequestNumber() => Interlocked.Increment(ref _issued);
}
