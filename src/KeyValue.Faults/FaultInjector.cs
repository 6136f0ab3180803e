using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Faults;

/// <summary>
/// Decides which data requests fail. Thread-safe and lock-free: many connections call <see cref="Decide"/> at once,
/// and each call gets its own request number (1, 2, 3, … under the current spec, restarting at 1 on every
/// <see cref="SetSpec(FaultSpec)"/>). Knows nothing of sockets, the protocol or the store.
/// </summary>
/// <remarks>
/// Changes (a spec or mode set, a <c>NEXT</c> or <c>FOR</c> spec ending by itself) are reported on <see cref="Changed"/>
/// under one lock, so an observer sees them in the order they took effect. Only changes take the lock; a request
/// takes it once per <c>NEXT</c> or <c>FOR</c> spec, to report its end.
/// </remarks>
public sealed class FaultInjector
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _changeLock = new();
    private ActiveSchedule _schedule;
    private FaultMode _mode = FaultMode.Error;
    private long _dataRequests;
    private long _failed;

    // Invoked only under _changeLock, which is what keeps the reports in order.
    private EventHandler<FaultChange>? _changedHandlers;

    /// <summary>Creates an injector with spec OFF and mode ERROR.</summary>
    /// <param name="timeProvider">The clock for <c>FOR</c> and for the times of <see cref="Changed"/>.</param>
    /// <param name="defaultSeed">The seed <c>CHANCE</c> uses when the spec names none (<c>--seed</c>).</param>
    public FaultInjector(TimeProvider timeProvider, long defaultSeed)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        DefaultSeed = defaultSeed;
        _schedule = NewSchedule(FaultSpec.Off);
    }

    /// <summary>
    /// Raised for every change: a spec or a mode set, and a <c>NEXT</c> or <c>FOR</c> spec ending by itself. Raised
    /// under the injector's change lock, in the order the changes took effect, on the thread that made the change (the
    /// request that noticed an end, or a timer thread for a <c>FOR</c> that ends with no request to notice it).
    /// Handlers must be quick and must not throw; see also <see cref="Observe"/>.
    /// </summary>
    public event EventHandler<FaultChange>? Changed
    {
        add
        {
            lock (_changeLock)
            {
                _changedHandlers += value;
            }
        }

        remove
        {
            lock (_changeLock)
            {
                _changedHandlers -= value;
            }
        }
    }

    /// <summary>
    /// Raised on the thread that set the mode, after <see cref="SetMode(FaultMode)"/> (or a successful
    /// <see cref="TrySetMode(string?, out string?)"/>) replaced it, so that a consumer can prepare what the mode needs
    /// (a formatted reply, say) once, ahead of the requests that fail with it. A request decided while the handlers run
    /// may already see the new mode.
    /// </summary>
    public event EventHandler<FaultMode>? ModeChanged;

    /// <summary>The seed <c>CHANCE</c> uses when the spec names none.</summary>
    public long DefaultSeed { get; }

    /// <summary>The spec as last set.</summary>
    public FaultSpec Spec => Volatile.Read(ref _schedule).Spec;

    /// <summary>The mode as last set.</summary>
    public FaultMode Mode => Volatile.Read(ref _mode);

    /// <summary>Replaces the spec and restarts the request count at 1 (also when the spec is the same as before).</summary>
    public void SetSpec(FaultSpec spec) => SetSpec(spec, source: null);

    /// <summary>
    /// Replaces the spec and restarts the request count at 1 (also when the spec is the same as before), then reports it
    /// on <see cref="Changed"/> with <paramref name="source"/>.
    /// </summary>
    /// <param name="spec">The new spec.</param>
    /// <param name="source">Who sets it (e.g. <c>console</c>), passed to <see cref="Changed"/> as given.</param>
    public void SetSpec(FaultSpec spec, string? source)
    {
        ArgumentNullException.ThrowIfNull(spec);
        lock (_changeLock)
        {
            ActiveSchedule previous = _schedule;

            // A FOR whose end no one has noticed yet ended before this change: say so first, in order.
            ReportEndIfFinished(previous);
            previous.EndTimer?.Dispose();
            ActiveSchedule next = NewSchedule(spec);
            Volatile.Write(ref _schedule, next);
            if (spec.Kind == FaultSpecKind.For)
            {
                // Reports the end even when no request comes to notice it.
                next.EndTimer = _timeProvider.CreateTimer(
                    state =>
                    {
                        var ending = (ActiveSchedule)state!;
                        ReportEnd(ending, ending.SetAt + ending.Spec.Duration);
                    },
                    next,
                    spec.Duration,
                    Timeout.InfiniteTimeSpan);
            }

            _changedHandlers?.Invoke(this, new FaultChange(FaultChangeKind.SpecSet, spec, Mode, next.EffectiveSeed, next.SetAt, source));
        }
    }

    /// <summary>Replaces the mode, then raises <see cref="ModeChanged"/>. The request count is not affected.</summary>
    public void SetMode(FaultMode mode) => SetMode(mode, source: null);

    /// <summary>
    /// Replaces the mode and reports it on <see cref="Changed"/> with <paramref name="source"/>, then raises
    /// <see cref="ModeChanged"/>. The request count is not affected.
    /// </summary>
    /// <param name="mode">The new mode.</param>
    /// <param name="source">Who sets it (e.g. <c>console</c>), passed to <see cref="Changed"/> as given.</param>
    public void SetMode(FaultMode mode, string? source)
    {
        ArgumentNullException.ThrowIfNull(mode);
        lock (_changeLock)
        {
            ActiveSchedule schedule = _schedule;
            ReportEndIfFinished(schedule);
            Volatile.Write(ref _mode, mode);
            _changedHandlers?.Invoke(this, new FaultChange(FaultChangeKind.ModeSet, SpecInForce(schedule), mode, schedule.EffectiveSeed, _timeProvider.GetUtcNow(), source));
        }

        ModeChanged?.Invoke(this, mode);
    }

    /// <summary>Parses and sets a spec. An invalid spec changes nothing (not the spec, not its count).</summary>
    public bool TrySetSpec(string? text, [NotNullWhen(false)] out string? error) => TrySetSpec(text, source: null, out error);

    /// <summary>Parses and sets a spec, reported with <paramref name="source"/>. An invalid spec changes nothing (not the spec, not its count).</summary>
    public bool TrySetSpec(string? text, string? source, [NotNullWhen(false)] out string? error)
    {
        if (!FaultSpec.TryParse(text, out FaultSpec? spec, out error))
        {
            return false;
        }

        SetSpec(spec, source);
        return true;
    }

    /// <summary>Parses and sets a mode. An invalid mode changes nothing.</summary>
    public bool TrySetMode(string? text, [NotNullWhen(false)] out string? error) => TrySetMode(text, source: null, out error);

    /// <summary>Parses and sets a mode, reported with <paramref name="source"/>. An invalid mode changes nothing.</summary>
    public bool TrySetMode(string? text, string? source, [NotNullWhen(false)] out string? error)
    {
        if (!FaultMode.TryParse(text, out FaultMode? mode, out error))
        {
            return false;
        }

        SetMode(mode, source);
        return true;
    }

    /// <summary>
    /// Attaches <paramref name="handler"/> to <see cref="Changed"/> and calls it at once with the current state
    /// (<see cref="FaultChangeKind.Current"/>, the spec as set), then with its end when that spec has already run its
    /// course. All under the change lock: the handler sees the state first and every later change after it, each once
    /// and in order.
    /// </summary>
    public void Observe(EventHandler<FaultChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_changeLock)
        {
            ActiveSchedule schedule = _schedule;
            handler(this, new FaultChange(FaultChangeKind.Current, schedule.Spec, Mode, schedule.EffectiveSeed, _timeProvider.GetUtcNow(), Source: null));

            // An end nobody has noticed yet is reported now, to those already watching; the new handler hears of it
            // below, whether it was reported just now or when it happened.
            ReportEndIfFinished(schedule);
            if (schedule.EndReported)
            {
                handler(this, Ended(schedule));
            }

            _changedHandlers += handler;
        }
    }

    /// <summary>
    /// Numbers one data request (GET, SET or DEL: the caller decides which requests count) and decides whether it
    /// fails. Call it once per data request, in the order requests are handled. Allocates nothing (the one request
    /// that notices the end of a <c>NEXT</c> or <c>FOR</c> spec reports it to <see cref="Changed"/>'s handlers).
    /// </summary>
    public FaultDecision Decide()
    {
        ActiveSchedule schedule = Volatile.Read(ref _schedule);
        long requestNumber = schedule.NextRequestNumber();
        FaultSpec spec = schedule.Spec;
        TimeSpan sinceSet = spec.Kind == FaultSpecKind.For
            ? _timeProvider.GetElapsedTime(schedule.SetAtTimestamp)
            : TimeSpan.Zero;
        bool fails = spec.Fails(requestNumber, schedule.EffectiveSeed, sinceSet);

        long total = Interlocked.Increment(ref _dataRequests);
        if (fails)
        {
            Interlocked.Increment(ref _failed);
        }

        FaultSpec inForce = spec;
        if (spec.Kind is FaultSpecKind.Next or FaultSpecKind.For)
        {
            if (spec.Kind == FaultSpecKind.Next && requestNumber == spec.Count)
            {
                // The last request NEXT fails: the spec ends with it.
                ReportEnd(schedule, _timeProvider.GetUtcNow());
            }
            else if (!fails)
            {
                inForce = FaultSpec.Off;
                if (!schedule.EndReported && spec.Kind == FaultSpecKind.For)
                {
                    // Noticed before the FOR timer fired.
                    ReportEnd(schedule, schedule.SetAt + spec.Duration);
                }
            }
        }

        FaultMode mode = Volatile.Read(ref _mode);
        return new FaultDecision(fails, requestNumber, mode.Kind, mode.Delay, mode.RetryAfter)
        {
            SpecInForce = inForce,
            ModeInForce = mode,
            Total = total,
        };
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

    private bool IsFinished(ActiveSchedule schedule) =>
        schedule.Spec.IsFinished(schedule.Issued, _timeProvider.GetElapsedTime(schedule.SetAtTimestamp));

    // What decides requests under the schedule now: OFF once its NEXT or FOR has run its course.
    private FaultSpec SpecInForce(ActiveSchedule schedule) =>
        schedule.EndReported || IsFinished(schedule) ? FaultSpec.Off : schedule.Spec;

    // Under _changeLock.
    private void ReportEndIfFinished(ActiveSchedule schedule)
    {
        if (!schedule.EndReported && IsFinished(schedule))
        {
            DateTimeOffset endedAt = schedule.Spec.Kind == FaultSpecKind.For
                ? schedule.SetAt + schedule.Spec.Duration
                : _timeProvider.GetUtcNow();
            ReportEnd(schedule, endedAt);
        }
    }

    private void ReportEnd(ActiveSchedule schedule, DateTimeOffset endedAt)
    {
        lock (_changeLock)
        {
            // Reported once, and only while the spec is still the one in force: after a replacement it no longer matters.
            if (schedule.EndReported || !ReferenceEquals(schedule, _schedule))
            {
                return;
            }

            schedule.EndedAt = endedAt;
            schedule.EndReported = true;
            schedule.EndTimer?.Dispose();
            _changedHandlers?.Invoke(this, Ended(schedule));
        }
    }

    private FaultChange Ended(ActiveSchedule schedule) =>
        new(FaultChangeKind.SpecEnded, FaultSpec.Off, Mode, schedule.EffectiveSeed, schedule.EndedAt, Source: null, EndedSpec: schedule.Spec);

    private ActiveSchedule NewSchedule(FaultSpec spec) =>
        new(spec, spec.Seed ?? DefaultSeed, _timeProvider.GetTimestamp(), _timeProvider.GetUtcNow());
}
