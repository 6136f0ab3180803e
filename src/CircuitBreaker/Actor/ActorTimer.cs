namespace CircuitBreaker.Actor;

/// <summary>The actor's one timer: it fires when time alone next changes something (a break ending, a trial deadline,
/// failures ageing out), so observers see the change when it happens — and, a little before an open circuit's break
/// ends, it withdraws the permission to reject without reading the clock.</summary>
/// <remarks>While the break is more than <see cref="MarginMs"/> from its end, callers reject an open circuit from the
/// snapshot alone: no clock read, which costs more than the rest of a rejection. The permission is the snapshot's
/// generation in <c>_clockFreeGeneration</c>, withdrawn by the timer's callback itself (synchronously, so a
/// <c>FakeTimeProvider.Advance</c> past that point withdraws it before it returns), and bounded on
/// <see cref="Environment.TickCount64"/> in case a system timer fires late. Every time provider runs the same path;
/// after the permission is withdrawn, rejections compare the precise clock with the break's end.</remarks>
internal sealed class ActorTimer(BreakerClock clock, Action tick)
{
    /// <summary>How far before the break's end rejections go back to the precise clock: far above the resolution of
    /// <see cref="Environment.TickCount64"/> (10–16 ms) and the usual lateness of a timer.</summary>
    public const long MarginMs = 100;

    /// <summary>How far ahead <see cref="Environment.TickCount64"/> is trusted, so that its drift from the precise clock
    /// stays far below <see cref="MarginMs"/>; a longer break is decided by the precise clock after that hour.</summary>
    private const long HorizonMs = 60 * 60 * 1000;

    private ITimer? _timer;
    private long _dueAt = long.MaxValue;
    private long _clockFreeGeneration = -1;

    /// <summary>True when an open circuit of <paramref name="generation"/> may reject without reading the clock.</summary>
    public bool AllowsClockFreeRejection(long generation, long coarseRejectUntil) =>
        Volatile.Read(ref _clockFreeGeneration) == generation && Environment.TickCount64 < coarseRejectUntil;

    /// <summary>The <see cref="Environment.TickCount64"/> value before which an open circuit whose break ends at
    /// <paramref name="breakEndsAt"/> is certainly still open; <see cref="long.MinValue"/> when it ends too soon.</summary>
    public static long CoarseRejectUntil(long breakEndsAt, long now)
    {
        var remainingMs = (breakEndsAt - now) / TimeSpan.TicksPerMillisecond;
        return remainingMs > MarginMs ? Environment.TickCount64 + Math.Min(remainingMs - MarginMs, HorizonMs) : long.MinValue;
    }

    /// <summary>The timer fired and its tick is being handled: the next schedule starts afresh.</summary>
    public void Fired() => _dueAt = long.MaxValue;

    /// <summary>Grants the clock-free permission for <paramref name="published"/> when it is open far from its end, and
    /// sets the timer for the earlier of that end of permission and <paramref name="nextDeadline"/>.</summary>
    public void Schedule(AdmissionSnapshot published, long nextDeadline)
    {
        var permissionEnds = published.State == BreakerState.Open && published.CoarseRejectUntil != long.MinValue
            ? published.BreakEndsAt - (MarginMs * TimeSpan.TicksPerMillisecond)
            : long.MaxValue;
        Volatile.Write(ref _clockFreeGeneration, permissionEnds != long.MaxValue && clock.Now() < permissionEnds ? published.Generation : -1);

        var due = Math.Min(nextDeadline, permissionEnds);
        if (due != _dueAt)
        {
            _dueAt = due;
            _timer ??= clock.Time.CreateTimer(static state => ((ActorTimer)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(due == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromTicks(Math.Max(0, due - clock.Now())), Timeout.InfiniteTimeSpan);
        }

        // A timer's due time counts from the clock at Change: if the clock moved past the instant between the read
        // above and Change, the timer would fire late by that much, so act now.
        var now = clock.Now();
        if (now >= permissionEnds)
        {
            Volatile.Write(ref _clockFreeGeneration, -1);
        }

        if (due != long.MaxValue && now >= due)
        {
            tick();
        }
    }

    /// <summary>Stops the timer for good; called by the actor when its loop ends.</summary>
    public void Stop()
    {
        Volatile.Write(ref _clockFreeGeneration, -1);
        _timer?.Dispose();
    }

    private void OnTimer()
    {
        Volatile.Write(ref _clockFreeGeneration, -1);
        tick();
    }
}
