using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Faults;

/// <summary>
/// Decides which data requests fail. Thread-safe and lock-free: many connections call <see cref="Decide"/> at once,
/// and each call gets its own request number (1, 2, 3, … under the current spec, restarting at 1 on every
/// <see cref="SetSpec"/>). Knows nothing of sockets, the protocol or the store.
/// </summary>
public sealed class FaultInjector
{
    private readonly TimeProvider _timeProvider;
    private ActiveSchedule _schedule;
    private FaultMode _mode = FaultMode.Error;
    private long _dataRequests;
    private long _failed;

    /// <summary>Creates an injector with spec OFF and mode ERROR.</summary>
    /// <param name="timeProvider">The clock for <c>FOR</c>.</param>
    /// <param name="defaultSeed">The seed <c>CHANCE</c> uses when the spec names none (<c>--seed</c>).</param>
    public FaultInjector(TimeProvider timeProvider, long defaultSeed)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        DefaultSeed = defaultSeed;
        _schedule = NewSchedule(FaultSpec.Off);
    }

    /// <summary>
    /// Raised on the thread that set the mode, after <see cref="SetMode"/> (or a successful <see cref="TrySetMode"/>)
    /// replaced it, so that a consumer can prepare what the mode needs (a formatted reply, say) once, ahead of the
    /// requests that fail with it. A request decided while the handlers run may already see the new mode.
    /// </summary>
    public event EventHandler<FaultMode>? ModeChanged;

    /// <summary>The seed <c>CHANCE</c> uses when the spec names none.</summary>
    public long DefaultSeed { get; }

    /// <summary>The spec as last set.</summary>
    public FaultSpec Spec => Volatile.Read(ref _schedule).Spec;

    /// <summary>The mode as last set.</summary>
    public FaultMode Mode => Volatile.Read(ref _mode);

    /// <summary>Replaces the spec and restarts the request count at 1 (also when the spec is the same as before).</summary>
    public void SetSpec(FaultSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Volatile.Write(ref _schedule, NewSchedule(spec));
    }

    /// <summary>Replaces the mode, then raises <see cref="ModeChanged"/>. The request count is not affected.</summary>
    public void SetMode(FaultMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        Volatile.Write(ref _mode, mode);
        ModeChanged?.Invoke(this, mode);
    }

    /// <summary>Parses and sets a spec. An invalid spec changes nothing (not the spec, not its count).</summary>
    public bool TrySetSpec(string? text, [NotNullWhen(false)] out string? error)
    {
        if (!FaultSpec.TryParse(text, out FaultSpec? spec, out error))
        {
            return false;
        }

        SetSpec(spec);
        return true;
    }

    /// <summary>Parses and sets a mode. An invalid mode changes nothing.</summary>
    public bool TrySetMode(string? text, [NotNullWhen(false)] out string? error)
    {
        if (!FaultMode.TryParse(text, out FaultMode? mode, out error))
        {
            return false;
        }

        SetMode(mode);
        return true;
    }

    /// <summary>
    /// Numbers one data request (GET, SET or DEL: the caller decides which requests count) and decides whether it
    /// fails. Call it once per data request, in the order requests are handled. Allocates nothing.
    /// </summary>
    public FaultDecision Decide()
    {
        ActiveSchedule schedule = Volatile.Read(ref _schedule);
        long requestNumber = schedule.NextRequestNumber();
        TimeSpan sinceSet = schedule.Spec.Kind == FaultSpecKind.For
            ? _timeProvider.GetElapsedTime(schedule.SetAtTimestamp)
            : TimeSpan.Zero;
        bool fails = schedule.Spec.Fails(requestNumber, schedule.EffectiveSeed, sinceSet);

        Interlocked.Increment(ref _dataRequests);
        if (fails)
        {
            Interlocked.Increment(ref _failed);
        }

        FaultMode mode = Volatile.Read(ref _mode);
        return new FaultDecision(fails, requestNumber, mode.Kind, mode.Delay, mode.RetryAfter);
    }

    /// <summary>A snapshot of spec, mode and counters.</summary>
    public FaultStatus GetStatus()
    {
        ActiveSchedule schedule = Volatile.Read(ref _schedule);
        long issued = schedule.Issued;
        bool finished = schedule.Spec.IsFinished(issued, _timeProvider.GetElapsedTime(schedule.SetAtTimestamp));
        return new FaultStatus(
            schedule.Spec,
            Mode,
            schedule.EffectiveSeed,
            finished,
            issued,
            Interlocked.Read(ref _dataRequests),
            Interlocked.Read(ref _failed));
    }

    private ActiveSchedule NewSchedule(FaultSpec spec) =>
        new(spec, spec.Seed ?? DefaultSeed, _timeProvider.GetTimestamp());
}
