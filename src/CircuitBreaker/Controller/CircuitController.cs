using CircuitBreaker.Policies;

namespace CircuitBreaker.Controller;

/// <summary>One circuit's state machine: synchronous, deterministic, and owned by exactly one thread at a time (the
/// breaker's actor, or a test). The policy decides when to open; this class owns everything after that: the break,
/// half-open trials, closing, manual control. Time is passed in as ticks since the breaker's origin; every
/// time-driven change (break end, trial deadline, failures ageing out) is decided by <see cref="Advance"/> and dated
/// at the instant it was due, so the result does not depend on when the change is noticed. Every transition is
/// appended to the sink given at construction.</summary>
internal sealed class CircuitController
{
    private readonly CircuitSettings _settings;
    private readonly PolicyEvaluator _policy;
    private readonly List<CircuitTransition> _sink;
    private readonly TrialSlots _trials = new();
    private long _openedAt;
    private long _lastBreakTicks;
    private bool _breakEndsByAgeing;
    private bool _trialsFromLease;
    private int _leasedTrials;
    private bool _trialAsked;
    private bool _trialWanted;

    public CircuitController(CircuitSettings settings, PolicyEvaluator policy, List<CircuitTransition> sink, string? shadow = null)
    {
        _settings = settings;
        _policy = policy;
        _sink = sink;
        Shadow = shadow;
    }

    /// <summary>The shadow policy's name, or null for the breaker's own circuit.</summary>
    public string? Shadow { get; }

    public BreakerState State { get; private set; } = BreakerState.Closed;

    /// <summary>Incremented on every transition and reset, so outcomes of calls admitted earlier are recognised as stale.</summary>
    public long Generation { get; private set; }

    public PolicyEvaluator Policy => _policy;

    /// <summary>When open: the instant the break ends.</summary>
    public long BreakEndsAt { get; private set; }

    public int TrialsInFlight => _trials.Count;

    public int TrialSuccesses { get; private set; }

    public int ConsecutiveReopens { get; private set; }

    /// <summary>The latest instant the controller has seen.</summary>
    public long Now { get; private set; }

    // Without a leased slot the first call still reaches the actor, which asks the fleet for one (then rejects it).
    public bool TrialsFull => State == BreakerState.HalfOpen && _trials.Count >= TrialLimit && !(_trialsFromLease && !_trialAsked);

    /// <summary>True while the circuit is shared with a reachable store: the trials of the next half-open period run
    /// only in slots leased from the fleet (<see cref="GrantTrials"/>), none until then.</summary>
    public bool TrialsLeased { get; set; }

    private int TrialLimit => _trialsFromLease ? _leasedTrials : _settings.HalfOpenMaxCalls;

    public long EarliestTrialDeadline => _trials.EarliestDeadline;

    /// <summary>True when the current break ends by failures ageing out (closing) rather than in half-open.</summary>
    public bool BreakEndsByAgeing => _breakEndsByAgeing;

    /// <summary>The next instant at which time alone changes something, or <see cref="long.MaxValue"/>.</summary>
    public long NextDeadline => State switch
    {
        BreakerState.Open => BreakEndsAt,
        BreakerState.HalfOpen => _trials.EarliestDeadline,
        _ => long.MaxValue,
    };

    /// <summary>Applies everything that time alone decides up to <paramref name="now"/>. Time never goes back: an
    /// older instant is treated as the latest one seen.</summary>
    public void Advance(long now)
    {
        Now = Math.Max(Now, now);
        while (true)
        {
            if (State == BreakerState.Open && Now >= BreakEndsAt)
            {
                var at = BreakEndsAt;
                _policy.Advance(at);
                if (_breakEndsByAgeing)
                {
                    Close(at, _policy.AgedOutFacts(), clearCounts: false);
                }
                else
                {
                    Move(BreakerState.HalfOpen, at, new PolicyFacts(TransitionRule.BreakEnded, Duration: TimeSpan.FromTicks(at - _openedAt)));
                }

                continue;
            }

            if (State == BreakerState.HalfOpen && _trials.EarliestDeadline <= Now)
            {
                ConsecutiveReopens++;
                Open(_trials.EarliestDeadline, new PolicyFacts(TransitionRule.TrialDeadlineExceeded, Duration: TimeSpan.FromTicks(_settings.TrialDeadlineTicks)), null);
                continue;
            }

            _policy.Advance(Now);
            return;
        }
    }

    /// <summary>Decides whether a call may run now; grants a trial slot in half-open.</summary>
    public Admission Admit(long now)
    {
        Advance(now);
        return State switch
        {
            BreakerState.Closed => Admission.Closed(Generation),
            BreakerState.Open => Admission.Rejected(BreakerState.Open, BreakEndsAt),
            BreakerState.HalfOpen when _trials.Count < TrialLimit =>
                Admission.Trial(Generation, _trials.Add(Now + _settings.TrialDeadlineTicks)),
            BreakerState.HalfOpen when _trialsFromLease => AskForTrial(),
            _ => Admission.Rejected(State, Admission.UnknownBreakEnd),
        };
    }

    /// <summary>True once after a call found no leased trial slot: the fleet is to be asked for one.</summary>
    public bool TakeTrialWanted()
    {
        var wanted = _trialWanted;
        _trialWanted = false;
        return wanted;
    }

    private Admission AskForTrial()
    {
        if (!_trialAsked)
        {
            _trialAsked = true;
            _trialWanted = true;
        }

        return Admission.Rejected(BreakerState.HalfOpen, Admission.UnknownBreakEnd);
    }

    /// <summary>Applies the outcome of an admitted call. Outcomes of calls admitted before the latest transition, and
    /// second reports of the same trial, are ignored.</summary>
    public void Record(in Admission admission, CallVerdict verdict, long now)
    {
        Advance(now);
        if (!admission.IsAdmitted || admission.Generation != Generation)
        {
            return;
        }

        if (admission.Kind == AdmissionKind.Closed)
        {
            RecordClosed(verdict);
        }
        else if (_trials.Remove(admission.TrialId))
        {
            // A leased slot serves one trial: the store releases it, and the next call asks for a fresh one.
            if (_trialsFromLease)
            {
                _leasedTrials--;
                _trialAsked = false;
            }

            RecordTrial(verdict);
        }
    }

    /// <summary>Adds trial slots leased from the fleet to the current half-open period, up to the fleet's limit.</summary>
    public void GrantTrials(int count)
    {
        if (State == BreakerState.HalfOpen && _trialsFromLease)
        {
            _leasedTrials = Math.Min(_settings.HalfOpenMaxCalls, _leasedTrials + count);
        }
    }

    /// <summary>The store is out of reach: trials go back to the local limit at once, also in this half-open period.</summary>
    public void StopLeasing()
    {
        TrialsLeased = false;
        _trialsFromLease = false;
    }

    /// <summary>While closed: the fleet's numbers judged by the policy; opens when they say so.</summary>
    public void JudgeFleet(in SharedCounts counts, long now)
    {
        Advance(now);
        if (State == BreakerState.Closed && _policy.JudgeFleet(counts) is { } facts)
        {
            ConsecutiveReopens = 0;
            Open(Now, facts, null);
        }
    }

    /// <summary>Takes on the fleet's state, decided in another process: a transition with
    /// <see cref="TransitionRule.Shared"/> when the state differs. An open state with the same state but another break
    /// end only moves the break's end (the fleet's opening won over this one's), without a transition.</summary>
    public void Adopt(BreakerState state, long breakEndsAt, bool endsByAgeing, bool clearCounts, long now)
    {
        Advance(now);
        var facts = new PolicyFacts(TransitionRule.Shared);
        if (state == BreakerState.Open && breakEndsAt > Now)
        {
            if (State == BreakerState.Open)
            {
                BreakEndsAt = breakEndsAt;
                _breakEndsByAgeing = endsByAgeing;
                return;
            }

            _trials.Clear();
            TrialSuccesses = 0;
            _openedAt = Now;
            _breakEndsByAgeing = endsByAgeing;
            _lastBreakTicks = breakEndsAt - Now;
            BreakEndsAt = breakEndsAt;
            Move(BreakerState.Open, Now, facts).WithBreak(_settings.OriginUtc + TimeSpan.FromTicks(breakEndsAt), TimeSpan.FromTicks(breakEndsAt - Now), null,
                endsByAgeing ? BreakerState.Closed : BreakerState.HalfOpen);
            return;
        }

        // A break that has ended already: half-open, or closed when it ends by ageing.
        var target = state == BreakerState.Open ? (endsByAgeing ? BreakerState.Closed : BreakerState.HalfOpen) : state;
        if (State == target)
        {
            if (target == BreakerState.Closed && clearCounts)
            {
                _policy.Clear();
                Generation++;
            }

            return;
        }

        switch (target)
        {
            case BreakerState.Closed:
                Close(Now, facts, clearCounts: true);
                break;
            case BreakerState.HalfOpen:
                _trials.Clear();
                TrialSuccesses = 0;
                Move(BreakerState.HalfOpen, Now, facts);
                break;
            default:
                _trials.Clear();
                Move(BreakerState.Isolated, Now, facts);
                break;
        }
    }

    /// <summary>For a shadow: the outcome of a call that finished at <paramref name="now"/>, counted as if it had been
    /// admitted and finished at that instant. A shadow that would have rejected the call lets it pass uncounted.</summary>
    public void Observe(CallVerdict verdict, long now)
    {
        Advance(now);
        switch (State)
        {
            case BreakerState.Closed:
                RecordClosed(verdict);
                break;
            case BreakerState.HalfOpen:
                RecordTrial(verdict);
                break;
            default:
                break;
        }
    }

    /// <summary>Adds <paramref name="count"/> successes made while closed in <paramref name="generation"/> (any
    /// generation for a shadow) at <paramref name="at"/>: the successes callers tallied without a message each.</summary>
    public void RecordSuccesses(long generation, long at, long count, long now)
    {
        Advance(now);
        if (count <= 0 || (Shadow is null && generation != Generation))
        {
            return;
        }

        if (State == BreakerState.Closed)
        {
            _policy.AddSuccesses(at, count);
        }
        else if (Shadow is not null && State == BreakerState.HalfOpen)
        {
            RecordTrial(CallVerdict.Success);
        }
    }

    public void Isolate(long now)
    {
        Advance(now);
        if (State != BreakerState.Isolated)
        {
            _trials.Clear();
            Move(BreakerState.Isolated, Now, new PolicyFacts(TransitionRule.Isolated));
        }
    }

    public void Reset(long now)
    {
        Advance(now);
        if (State == BreakerState.Closed)
        {
            _policy.Clear();
            ConsecutiveReopens = 0;
            Generation++;
            return;
        }

        Close(Now, new PolicyFacts(TransitionRule.Reset), clearCounts: true);
    }

    private void RecordClosed(CallVerdict verdict)
    {
        switch (verdict.Kind)
        {
            case CallVerdictKind.Success:
                _policy.AddSuccesses(Now, 1);
                return;
            case CallVerdictKind.Failure when _policy.AddFailure(Now) is { } facts:
                ConsecutiveReopens = 0;
                Open(Now, facts, verdict.RetryAfter);
                return;
            default:
                return;
        }
    }

    private void RecordTrial(CallVerdict verdict)
    {
        switch (verdict.Kind)
        {
            case CallVerdictKind.Success:
                TrialSuccesses++;
                if (TrialSuccesses >= _settings.SuccessesToClose)
                {
                    Close(Now, new PolicyFacts(TransitionRule.TrialsSucceeded, Threshold: TrialSuccesses), clearCounts: true);
                }

                return;
            case CallVerdictKind.Failure:
                ConsecutiveReopens++;
                Open(Now, new PolicyFacts(TransitionRule.TrialFailed), verdict.RetryAfter);
                return;
            default:
                return;
        }
    }

    private void Open(long at, in PolicyFacts facts, TimeSpan? retryAfter)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        _openedAt = at;

        // A provider's retry-after sets this break, then a trial decides; otherwise the policy's own recovery. A window
        // that closes by ageing can only be half-open after a retry-after break: a failed trial there re-opens it for as
        // long as that break (ageing could close it at once, the failures having aged out meanwhile).
        var reopening = State == BreakerState.HalfOpen;
        _breakEndsByAgeing = retryAfter is null && _settings.BreakTicks is null && !reopening;
        var length = retryAfter is { } asked ? Math.Min(asked.Ticks, _settings.BreakCapTicks)
            : _breakEndsByAgeing ? Math.Max(at, _policy.AgesOutAt()) - at
            : _settings.BreakTicks is null ? _lastBreakTicks
            : _settings.BreakTicksAfter(ConsecutiveReopens);
        _lastBreakTicks = length;
        BreakEndsAt = at + length;
        Move(BreakerState.Open, at, facts).WithBreak(_settings.OriginUtc + TimeSpan.FromTicks(BreakEndsAt), TimeSpan.FromTicks(BreakEndsAt - at), retryAfter,
            _breakEndsByAgeing ? BreakerState.Closed : BreakerState.HalfOpen);
    }

    private void Close(long at, in PolicyFacts facts, bool clearCounts)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        ConsecutiveReopens = 0;
        if (clearCounts)
        {
            _policy.Clear();
        }

        Move(BreakerState.Closed, at, facts);
    }

    private CircuitTransition Move(BreakerState to, long at, in PolicyFacts facts)
    {
        var transition = new CircuitTransition(State, to, at, _settings.OriginUtc + TimeSpan.FromTicks(at), facts, Shadow);
        State = to;
        _trialsFromLease = to == BreakerState.HalfOpen && TrialsLeased;
        _leasedTrials = 0;
        _trialAsked = false;
        _trialWanted = false;
        Generation++;
        _sink.Add(transition);
        return transition;
    }
}
