using CircuitBreaker.Controller;

namespace CircuitBreaker;

/// <summary>The actor: the only code that touches the controller, the timer and the published snapshot.</summary>
public sealed partial class Breaker
{
    private ITimer? _timer;
    private long _timerDueAt = long.MaxValue;

    private async Task RunActorAsync()
    {
        // Yield first so the constructor never runs the loop inline.
        await Task.Yield();
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                if (Volatile.Read(ref _disposed) != 0)
                {
                    FailDisposed(message);
                    continue;
                }

                Handle(message);
            }

            if (Volatile.Read(ref _disposed) == 0)
            {
                ScheduleTimer();
            }
        }
    }

    private void Handle(in Message message)
    {
        Admission admitted = default;
        BreakerSnapshot? snapshot = null;
        try
        {
            var now = Now();
            DrainTallies(now);
            switch (message.Kind)
            {
                case MessageKind.Admit:
                    admitted = _controller.Admit(now);
                    break;
                case MessageKind.Outcome:
                    _controller.Record(message.Admission, message.Outcome, now);
                    break;
                case MessageKind.FlushTally:
                    var tally = message.Tally!;
                    _controller.RecordSuccesses(tally.Generation, tally.Bucket, tally.Take(), now);
                    break;
                case MessageKind.Tick:
                    _timerDueAt = long.MaxValue;
                    _controller.Advance(now);
                    break;
                case MessageKind.Isolate:
                    _controller.Isolate(now);
                    break;
                case MessageKind.Reset:
                    _controller.Reset(now);
                    break;
                case MessageKind.Snapshot:
                    _controller.Advance(now);
                    snapshot = TakeSnapshot();
                    break;
                default:
                    break;
            }

            // Publish before answering, so the caller's next admission sees the effect of this message.
            Publish();
        }
#pragma warning disable CA1031 // The actor must survive anything; the caller waiting on this message gets the error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Fail(message, exception);
            return;
        }

        switch (message.Reply)
        {
            case TaskCompletionSource<Admission> admitReply:
                admitReply.TrySetResult(admitted);
                break;
            case TaskCompletionSource<BreakerSnapshot> snapshotReply:
                snapshotReply.TrySetResult(snapshot!);
                break;
            case TaskCompletionSource reply:
                reply.TrySetResult();
                break;
            default:
                break;
        }
    }

    /// <summary>Takes the successes tallied so far, so that they count before whatever this message reports.</summary>
    private void DrainTallies(long now)
    {
        var tally = _tally;
        if (tally is null)
        {
            return;
        }

        for (var current = tally; current is not null; current = current.Previous)
        {
            var count = current.Take();
            if (count > 0)
            {
                _controller.RecordSuccesses(current.Generation, current.Bucket, count, now);
            }
        }

        tally.Previous = null;
    }

    private void Publish()
    {
        var state = _controller.State;
        var (coarseRejectUntil, coarseBreakEndsAt) = state == CircuitState.Open ? CoarseBreak(_controller.BreakEndsAt) : (long.MinValue, 0);
        var next = new AdmissionSnapshot(
            state,
            _controller.Generation,
            _consecutivePolicy ? _controller.ConsecutiveFailures : 0,
            state == CircuitState.Open ? _controller.BreakEndsAt : 0,
            _controller.TrialsFull,
            state == CircuitState.HalfOpen ? _controller.EarliestTrialDeadline : long.MaxValue,
            coarseRejectUntil,
            coarseBreakEndsAt);
        if (next != _snapshot)
        {
            _snapshot = next;
        }
    }

    /// <summary>Translates the break's end to <see cref="Environment.TickCount64"/>, less a margin, so that callers
    /// can reject without reading the precise clock (a precise read costs more than the rest of a rejection on some
    /// virtual machines). Only for the system clock, and calibrated at every publish, so only the drift between the
    /// two clocks over one break counts: on Linux both read CLOCK_MONOTONIC at two resolutions, elsewhere the drift of
    /// two monotonic clocks over at most <see cref="CoarseClockHorizonMs"/> (an hour) stays far below the margin; a
    /// longer break is decided by the precise clock after that hour. Within the margin of the break's end callers fall back to the precise clock, which keeps "the instant
    /// the break ends" exact.</summary>
    private (long RejectUntil, long BreakEndsAt) CoarseBreak(long breakEndsAt)
    {
        if (!_coarseClockAllowed)
        {
            return (long.MinValue, 0);
        }

        var remainingMs = (breakEndsAt - Now()) / TimeSpan.TicksPerMillisecond;
        var tick = Environment.TickCount64;
        return remainingMs > CoarseClockMarginMs
            ? (tick + Math.Min(remainingMs - CoarseClockMarginMs, CoarseClockHorizonMs), tick + remainingMs)
            : (long.MinValue, 0);
    }

    private BreakerSnapshot TakeSnapshot() => new(
        _controller.State,
        AtInstant(_controller.Now),
        _controller.ConsecutiveFailures,
        _controller.FailuresInWindow,
        _controller.CallsInWindow,
        _controller.State == CircuitState.Open ? AtInstant(_controller.BreakEndsAt) : null,
        _controller.TrialsInFlight,
        _controller.TrialSuccesses,
        _controller.ConsecutiveReopens);

    private DateTimeOffset AtInstant(long ticks) => _originUtc + TimeSpan.FromTicks(ticks);

    /// <summary>Asks the timer to post a tick when time alone will next change something, so observers see the
    /// change when it happens. Never needed for correctness: admission decides lazily anyway.</summary>
    private void ScheduleTimer()
    {
        var next = _controller.NextDeadline;
        if (next == _timerDueAt)
        {
            return;
        }

        _timerDueAt = next;
        if (next == long.MaxValue)
        {
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        _timer ??= _time.CreateTimer(static state => ((Breaker)state!).OnTimer(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var due = TimeSpan.FromTicks(Math.Max(0, next - Now()));
        _timer.Change(due, Timeout.InfiniteTimeSpan);

        // A timer's due time counts from the clock at Change: if the clock moved past the deadline between the read
        // above and Change, the timer would fire late by that much, so post the tick now.
        if (Now() >= next)
        {
            _mailbox.Writer.TryWrite(Message.Tick);
        }
    }

    private void OnTimer() => _mailbox.Writer.TryWrite(Message.Tick);

    private void OnTransition(Transition transition)
    {
        _metrics.Transition(transition.From, transition.To);
        _events.Writer.TryWrite(new CircuitStateChangedEventArgs(transition.From, transition.To, AtInstant(transition.At), transition.Reason));
    }

    private async Task RaiseEventsAsync()
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var change))
            {
                if (StateChanged is not { } handlers)
                {
                    continue;
                }

                foreach (var handler in handlers.GetInvocationList())
                {
                    try
                    {
                        ((EventHandler<CircuitStateChangedEventArgs>)handler)(this, change);
                    }
#pragma warning disable CA1031 // One faulty subscriber must not silence the others nor stop the loop.
                    catch (Exception)
#pragma warning restore CA1031
                    {
                    }
                }
            }
        }
    }

    private static void FailDisposed(in Message message) => Fail(message, new ObjectDisposedException(nameof(Breaker)));

    private static void Fail(in Message message, Exception exception)
    {
        switch (message.Reply)
        {
            case TaskCompletionSource<Admission> admitReply:
                admitReply.TrySetException(exception);
                break;
            case TaskCompletionSource<BreakerSnapshot> snapshotReply:
                snapshotReply.TrySetException(exception);
                break;
            case TaskCompletionSource reply:
                reply.TrySetException(exception);
                break;
            default:
                break;
        }
    }
}
