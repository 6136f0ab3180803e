using System.Threading.Channels;
using CircuitBreaker.Controller;
using CircuitBreaker.Telemetry;

namespace CircuitBreaker.Actor;

/// <summary>The actor: one loop reading a channel, the only code that touches the circuits (the breaker's own and its
/// shadows'), the timer and the published snapshot. Callers read the snapshot and post messages; they never lock.</summary>
internal sealed class BreakerActor
{
    private readonly BreakerClock _clock;
    private readonly CircuitSet _circuits;
    private readonly CircuitController _own;
    private readonly List<CircuitTransition> _sink = [];
    private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly EventDispatcher _events;
    private readonly BreakerMetrics _metrics;
    private readonly Func<Exception> _disposedError;
    private readonly Task _loop;
    private volatile AdmissionSnapshot _snapshot = AdmissionSnapshot.Initial;
    private readonly SuccessTallies _tallies;
    private readonly ActorTimer _timer;
    private readonly bool _hasShadows;
    private readonly bool _countsInARow;
    private int _disposed;

    // A shared circuit's member and what the actor knows of the fleet; touched by the loop only (the member is set
    // once, by the breaker's constructor, before the store can post anything).
    private ISharedCircuitMember? _member;
    private long _fleetGeneration;
    private bool _attached;
    private CircuitTransition? _lastOffered;

    public BreakerActor(BreakerOptions options, BreakerClock clock, BreakerMetrics metrics, Action<CircuitTransition> raise, Func<Exception> disposedError)
    {
        _clock = clock;
        _metrics = metrics;
        _disposedError = disposedError;
        _circuits = new CircuitSet(options, clock.OriginUtc, _sink) { Batch = options.SharedState is null ? null : new OutcomeBatch() };
        _countsInARow = options.Policy is Policies.ConsecutiveFailuresPolicy;
        _hasShadows = options.ShadowPolicies.Count > 0;
        _own = _circuits.Own;
        _events = new EventDispatcher(raise);
        _tallies = new SuccessTallies(PostFlush);
        _timer = new ActorTimer(clock, () => _mailbox.Writer.TryWrite(Message.Tick));
        _snapshot = AdmissionSnapshot.Of(_circuits, 0);
        _loop = RunAsync();
    }

    /// <summary>The state callers decide from.</summary>
    public AdmissionSnapshot Snapshot => _snapshot;

    public BreakerClock Clock => _clock;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Ticks per success-tally slot (see <see cref="CircuitSet.SlotTicks"/>).</summary>
    public long SlotTicks => _circuits.SlotTicks;

    /// <summary>Completes once the loop has stopped and every event has been raised.</summary>
    public Task Completion => Task.WhenAll(_loop, _events.Completion);

    public ValueTask<Admission> AdmitAsync(CancellationToken cancellationToken) =>
        AskAsync(MessageKind.Admit, new ActorReply<Admission>(), cancellationToken);

    public ValueTask<BreakerSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        AskAsync(MessageKind.Snapshot, new ActorReply<BreakerSnapshot>(), cancellationToken);

    public ValueTask<CircuitTransition?> IsolateAsync(CancellationToken cancellationToken) =>
        AskAsync(MessageKind.Isolate, new ActorReply<CircuitTransition?>(), cancellationToken);

    public ValueTask<CircuitTransition?> ResetAsync(CancellationToken cancellationToken) =>
        AskAsync(MessageKind.Reset, new ActorReply<CircuitTransition?>(), cancellationToken);

    /// <summary>Has the actor apply an outcome and answer with the transitions it caused. After dispose the outcome
    /// is dropped and the answer is "none": the call keeps its own result.</summary>
    public ValueTask<TransitionSet?> ReportAsync(in Admission admission, CallVerdict verdict)
    {
        var reply = new ActorReply<TransitionSet?>();
        return _mailbox.Writer.TryWrite(new Message(MessageKind.Outcome, admission, verdict, null, reply))
            ? new ValueTask<TransitionSet?>(reply.Task)
            : default;
    }

    /// <summary>A success while closed cannot change the breaker's own state, so it costs at most one interlocked
    /// increment on the tally of its generation and time slot, with no message; the actor takes the tallies before it
    /// handles any message (so before the caller's next failure or snapshot request). A message is posted only when a
    /// tally is replaced (once per slot), or when a success lands in a tally that was replaced meanwhile, so that no
    /// count is left behind — or, when a shadow is not closed, with the success itself, so the shadow can move on
    /// time.</summary>
    public ValueTask<TransitionSet?> RecordClosedSuccess(long generation)
    {
        var snapshot = _snapshot;
        if (snapshot.SuccessChangesNothing || (snapshot.Generation != generation && !_hasShadows))
        {
            return default;
        }

        // A stale success no longer counts for the own circuit (Record ignores it by its generation), but shadows
        // count every outcome, stale ones included.
        if (snapshot.SuccessNeedsMessage || snapshot.Generation != generation)
        {
            return ReportAsync(Admission.Closed(generation), CallVerdict.Success);
        }

        _tallies.Add(generation, SlotTicks == 0 ? 0 : _clock.Now() / SlotTicks);
        return default;
    }

    /// <summary>Joins the shared circuit's store; called once by the breaker's constructor.</summary>
    public void Join(ISharedCircuitStore store, SharedCircuitLink link) => Volatile.Write(ref _member, store.Join(link));

    /// <summary>Posts a fact from the shared circuit's store; dropped after dispose. <paramref name="reply"/>, when
    /// given, completes once the fact is applied, the snapshot published and its transitions raised (or at once when
    /// the breaker is gone).</summary>
    public void PostShared(SharedFact fact, IActorReply? reply = null)
    {
        if (!_mailbox.Writer.TryWrite(new Message(MessageKind.Shared, default, default, null, reply, fact)))
        {
            reply?.Complete();
        }
    }

    /// <summary>Stops admitting: messages still queued are answered (outcomes dropped, questions refused), and the
    /// loop ends. Never blocks.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _mailbox.Writer.TryComplete();
        }
    }

    /// <summary>The published state brought up to date with the clock (see <see cref="Breaker.State"/>).</summary>
    public BreakerState CurrentState()
    {
        var snapshot = _snapshot;
        return snapshot.State switch
        {
            BreakerState.Open when !AllowsClockFreeRejection(snapshot) && _clock.Now() >= snapshot.BreakEndsAt =>
                snapshot.BreakEndsByAgeing ? BreakerState.Closed : BreakerState.HalfOpen,
            BreakerState.HalfOpen when _clock.Now() >= snapshot.EarliestTrialDeadline => BreakerState.Open,
            _ => snapshot.State,
        };
    }

    /// <summary>True when <paramref name="snapshot"/>, open, may reject without a clock read (see <see cref="ActorTimer"/>).</summary>
    public bool AllowsClockFreeRejection(AdmissionSnapshot snapshot) =>
        _timer.AllowsClockFreeRejection(snapshot.Generation, snapshot.CoarseRejectUntil);

    private ValueTask<T> AskAsync<T>(MessageKind kind, ActorReply<T> reply, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<T>(cancellationToken);
        }

        return _mailbox.Writer.TryWrite(new Message(kind, default, default, null, reply))
            ? new ValueTask<T>(reply.Task)
            : ValueTask.FromException<T>(_disposedError());
    }

    private void PostFlush(SuccessTally tally) =>
        _mailbox.Writer.TryWrite(new Message(MessageKind.FlushTally, default, default, tally, null));

    private async Task RunAsync()
    {
        // Yield first so the constructor never runs the loop inline.
        await Task.Yield();
        var reader = _mailbox.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var message))
            {
                if (IsDisposed)
                {
                    Refuse(message);
                }
                else
                {
                    Handle(message);
                }
            }
        }

        _timer.Stop();
        _events.Complete();
        if (Volatile.Read(ref _member) is { } member)
        {
            try
            {
                await member.DisposeAsync().ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A failing store must not keep the breaker from stopping.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    private void Handle(in Message message)
    {
        try
        {
            var now = _clock.Now();
            _tallies.Drain(_circuits, now);
            if (message.Kind == MessageKind.Tick)
            {
                _timer.Fired();
            }

            // What time alone decided comes first; what the message caused starts at `caused`.
            _circuits.Advance(now);
            var caused = _sink.Count;
            Apply(message, now, caused);
            _snapshot = AdmissionSnapshot.Of(_circuits, now);
            _timer.Schedule(_snapshot, _circuits.NextDeadline);
            foreach (var transition in _sink)
            {
                _metrics.Transition(transition);
            }

            OfferTransitions();

            // After the transitions: the admission may itself have ended the break, and the member must learn of the
            // half-open period before the call that wants one of its trial slots.
            if (_own.TakeTrialWanted() && _attached)
            {
                Tell(static (member, generation) => member.OnTrialWanted(generation), _own.Generation);
            }

            if (_sink.Count == 0 && (message.Reply is null || !_events.HasPending))
            {
                message.Reply?.Complete();
                return;
            }

            _events.Post([.. _sink], message.Reply);
            _sink.Clear();
        }
#pragma warning disable CA1031 // The actor must survive anything; the caller waiting on this message gets the error.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _sink.Clear();
            message.Reply?.Fail(exception);
        }
    }

    private void Apply(in Message message, long now, int caused)
    {
        switch (message.Kind)
        {
            case MessageKind.Admit:
                ((ActorReply<Admission>)message.Reply!).Value = _own.Admit(now);
                break;
            case MessageKind.Outcome:
                _circuits.Record(message.Admission, message.Verdict, now);

                ((ActorReply<TransitionSet?>)message.Reply!).Value = TransitionSet.From(_sink, caused);
                if (message.Admission.Kind == AdmissionKind.Trial && _attached && _own.State == BreakerState.HalfOpen && message.Admission.Generation == _own.Generation)
                {
                    Tell(static (member, generation) => member.OnTrialEnded(generation), _own.Generation);
                }

                break;
            case MessageKind.Shared:
                ApplyShared(message.Shared!, now);
                break;
            case MessageKind.FlushTally:
                _circuits.RecordSuccesses(message.Tally!.Generation, message.Tally.Slot, message.Tally.Take(), now);
                break;
            case MessageKind.Isolate:
                _own.Isolate(now);
                ((ActorReply<CircuitTransition?>)message.Reply!).Value = TransitionSet.From(_sink, caused)?.Own;
                break;
            case MessageKind.Reset:
                _own.Reset(now);
                var reset = TransitionSet.From(_sink, caused)?.Own;
                ((ActorReply<CircuitTransition?>)message.Reply!).Value = reset;
                if (reset is null && _attached)
                {
                    // Closed here, perhaps not in the fleet (its opening may not have arrived yet): spread it anyway.
                    Tell(static (member, generation) => member.OnReset(generation), _fleetGeneration);
                }

                break;
            case MessageKind.Snapshot:
                ((ActorReply<BreakerSnapshot>)message.Reply!).Value = BreakerSnapshot.Of(_circuits, _clock);
                break;
            default:
                break;
        }
    }

    /// <summary>A fact from the shared circuit's store. While detached the breaker is a local one: only a rejoin
    /// changes that.</summary>
    private void ApplyShared(SharedFact fact, long now)
    {
        var batch = _circuits.Batch!;
        switch (fact.Kind)
        {
            case SharedFactKind.Adopt when _attached && fact.State.Generation > _fleetGeneration:
                _fleetGeneration = fact.State.Generation;
                Adopt(fact.State, now);
                break;
            case SharedFactKind.Rejoin:
                _attached = true;
                _own.TrialsLeased = true;
                _fleetGeneration = fact.State.Generation;
                batch.Clear();
                if (!fact.StoreEmpty)
                {
                    Adopt(fact.State, now);
                }
                else if (_own.State != BreakerState.Closed && _lastOffered is { } offered)
                {
                    // A store that lost its state (restarted) learns this breaker's opening or isolation again.
                    Tell(static (member, offer) => member.OnTransition(offer.Transition, 0, offer.Generation), (Transition: offered, _own.Generation));
                }

                break;
            case SharedFactKind.Detach:
                _attached = false;
                _own.StopLeasing();
                _circuits.SuccessesWanted = false;
                batch.Clear();
                break;
            case SharedFactKind.Counts when _attached && fact.Counts.FleetGeneration == _fleetGeneration:
                _circuits.SuccessesWanted = _countsInARow && fact.Counts.ConsecutiveFailures > 0;
                _own.JudgeFleet(fact.Counts, now);
                break;
            case SharedFactKind.Grant when _attached && fact.LocalGeneration == _own.Generation:
                _own.GrantTrials(fact.Count);
                break;
            case SharedFactKind.Flush when _attached && !batch.IsEmpty:
                Tell(static (member, outcomes) => member.OnOutcomes(outcomes), batch.Take(_fleetGeneration));
                break;
            default:
                break;
        }
    }

    private void Adopt(SharedCircuitState state, long now)
    {
        var breakEndsAt = state.BreakEndsAt is { } end ? (end - _clock.OriginUtc).Ticks : 0;
        _own.Adopt(state.State, breakEndsAt, state.BreakEndsIn == BreakerState.Closed, state.ClearsCounts, now);
    }

    /// <summary>Tells the shared circuit's member of the own circuit's transitions this message caused.</summary>
    private void OfferTransitions()
    {
        if (_member is null)
        {
            return;
        }

        foreach (var transition in _sink)
        {
            if (transition.Shadow is not null)
            {
                continue;
            }

            if (transition.To is BreakerState.Open or BreakerState.Isolated && transition.Rule != TransitionRule.Shared)
            {
                _lastOffered = transition;
            }

            Tell(static (member, offer) => member.OnTransition(offer.Transition, offer.Fleet, offer.Local), (Transition: transition, Fleet: _fleetGeneration, Local: _own.Generation));
        }
    }

    /// <summary>Calls the member; whatever it throws stays with it, so a faulty store cannot stop the actor.</summary>
    private void Tell<T>(Action<ISharedCircuitMember, T> call, T argument)
    {
        if (_member is not { } member)
        {
            return;
        }

        try
        {
            call(member, argument);
        }
#pragma warning disable CA1031 // The member must never throw; if it does, the breaker goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>After dispose: an outcome is dropped (its call keeps its own result), a question is refused.</summary>
    private void Refuse(in Message message)
    {
        if (message.Kind is MessageKind.Outcome or MessageKind.FlushTally or MessageKind.Tick or MessageKind.Shared)
        {
            message.Reply?.Complete();
        }
        else
        {
            message.Reply?.Fail(_disposedError());
        }
    }
}
