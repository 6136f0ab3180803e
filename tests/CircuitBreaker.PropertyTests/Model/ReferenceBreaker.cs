using CircuitBreaker.Policies;

namespace CircuitBreaker.PropertyTests.Model;

/// <summary>The reference model: a plain sequential state machine written from the contract (issue 3, and issue 7's
/// second edition), with no concurrency, no caching and no cleverness, so that it can be read and believed. Time is
/// ticks since the breaker was created and only moves forward.</summary>
/// <remarks>
/// Rules, each straight from the issues (and the API notes where the issues leave a choice):
/// <list type="bullet">
/// <item>Closed → Open when the policy fires, judged when a failure is recorded, on the failure that makes the count
/// reach the policy's <c>failures</c>: n failures in a row; n failures in the time window; calls in the window ≥
/// minimum throughput and failed share ≥ ratio; n failures among the last m calls (the calls since the counts were
/// last cleared, when fewer).</item>
/// <item>Open → HalfOpen the instant the break ends (now ≥ end: the break-end instant itself admits). The break is
/// base × factor^n for the n-th consecutive re-open, capped at <c>MaxBreakDuration</c> (or the fixed break when that
/// is longer); tripping from closed starts again at n = 0.</item>
/// <item>A failure carrying a retry-after that opens the circuit (from closed, or a failed trial) makes that break
/// last exactly the retry-after, capped as above, and the break then ends in half-open, whatever the policy.</item>
/// <item>Rolling window without a break duration (and no retry-after): no half-open; Open → Closed at the first
/// instant, from the opening on, at which the failures left in the window are below the policy's count (a bucket
/// edge, or the opening itself when they already are). The window is not cleared by that close.</item>
/// <item>HalfOpen admits up to <c>HalfOpenMaxCalls</c> trials at once; closes after <c>SuccessesToClose</c>
/// successful trials (clearing the counts), re-opens on a failed trial or when a trial reaches its deadline
/// (admission + <c>TrialDeadline</c>; reaching it counts as failed). An ignored trial frees its slot.</item>
/// <item>Isolate holds the circuit open until Reset; Reset closes from any state and clears every count.</item>
/// <item>A success slower than <c>SlowCallThreshold</c> (strictly longer) counts as a failure.</item>
/// <item>An outcome reported for a call admitted before the latest transition or reset is ignored (it belongs to
/// a period that is over), and a permit counts only its first report.</item>
/// </list>
/// A shadow policy is this same model with the shadow's policy, fed through <see cref="Observe"/>: each outcome the
/// breaker reports is an instantaneous call.
/// </remarks>
internal sealed class ReferenceBreaker
{
    private readonly BreakerOptions _options;
    private readonly BreakerPolicy _policy;
    private readonly OutcomeLog? _log;
    private readonly List<bool> _lastCalls = [];
    private readonly List<(long Id, long Deadline)> _trials = [];
    private readonly List<ModelTransition> _transitions = [];
    private readonly long? _baseBreakTicks;
    private readonly long _capTicks;
    private long _nextTrialId = 1;
    private long _epoch;
    private long _openedAt;
    private bool _breakEndsByAgeing;
    private long _lastBreakTicks;

    public ReferenceBreaker(BreakerOptions options)
    {
        _options = options;
        _policy = options.Policy;
        switch (_policy)
        {
            case RollingWindowPolicy window:
                _log = new OutcomeLog(Math.Max(1, window.Window.Ticks / window.BucketCount), window.BucketCount);
                break;
            case FailureRatioPolicy ratio:
                _log = new OutcomeLog(Math.Max(1, ratio.Window.Ticks / ratio.BucketCount), ratio.BucketCount);
                break;
            default:
                break;
        }

        RecoversByAgeing = _policy is RollingWindowPolicy && options.BreakDuration is null;
        _baseBreakTicks = RecoversByAgeing ? null : (options.BreakDuration ?? BreakerDefaults.BreakDuration).Ticks;
        _capTicks = Math.Max(_baseBreakTicks ?? 0, options.MaxBreakDuration.Ticks);
    }

    public long Now { get; private set; }

    public BreakerState State { get; private set; } = BreakerState.Closed;

    public long BreakEndsAt { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public int ConsecutiveReopens { get; private set; }

    public int TrialSuccesses { get; private set; }

    public IReadOnlyList<ModelTransition> Transitions => _transitions;

    /// <summary>Calls that ran and reported, by how they counted (after the slow-call rule), stale ones included: what
    /// the <c>circuitbreaker.calls</c> counter should show.</summary>
    public Dictionary<CallVerdictKind, long> Calls { get; } = [];

    /// <summary>Rejected requests by the state that rejected them: what <c>circuitbreaker.rejections</c> should show.</summary>
    public Dictionary<BreakerState, long> Rejections { get; } = [];

    /// <summary>For the properties' own coverage checks: the most trials ever in flight at once.</summary>
    public int MostTrialsInFlight { get; private set; }

    /// <summary>For the properties' own coverage checks: whether a growing break ever reached its cap.</summary>
    public bool BreakReachedCap { get; private set; }

    /// <summary>For the properties' own coverage checks: whether a retry-after was ever longer than the cap.</summary>
    public bool RetryAfterCapped { get; private set; }

    /// <summary>The earliest deadline of the trials in flight, if any.</summary>
    public long? EarliestTrialDeadline => _trials.Count == 0 ? null : _trials.Min(t => t.Deadline);

    /// <summary>The bucket width of the time-window policies, or null for the others.</summary>
    public long? BucketTicks => _log?.BucketTicks;

    /// <summary>True when, without a retry-after, a break ends by failures ageing out of the window (no half-open).</summary>
    public bool RecoversByAgeing { get; }

    public ModelDecision Admit(long now)
    {
        AdvanceTo(now);
        switch (State)
        {
            case BreakerState.Closed:
                return new ModelDecision(true, BreakerState.Closed, null, new ModelTicket(_epoch, 0, Now));
            case BreakerState.Open:
                return Reject(TimeSpan.FromTicks(BreakEndsAt - Now));
            case BreakerState.HalfOpen when _trials.Count < _options.HalfOpenMaxCalls:
                var id = _nextTrialId++;
                _trials.Add((id, Now + _options.TrialDeadline.Ticks));
                MostTrialsInFlight = Math.Max(MostTrialsInFlight, _trials.Count);
                return new ModelDecision(true, BreakerState.HalfOpen, null, new ModelTicket(_epoch, id, Now));
            default:
                return Reject(null);
        }
    }

    /// <summary>Applies an admitted call's outcome at <paramref name="now"/>, then what time decides at that same
    /// instant (a break of zero ends; an ageing window whose failures are already below the count closes). Answers how
    /// the call counted (null for a repeated report, which counts for nothing) and the transition the outcome itself
    /// caused, if any.</summary>
    public ModelReport Report(ModelTicket ticket, CallVerdict verdict, long now)
    {
        AdvanceTo(now);
        if (ticket.Reported)
        {
            return new ModelReport(null, null);
        }

        ticket.Reported = true;
        if (verdict.Kind == CallVerdictKind.Success && _options.SlowCallThreshold is { } slow && Now - ticket.StartedAt > slow.Ticks)
        {
            verdict = CallVerdict.Failure;
        }

        Calls[verdict.Kind] = Calls.GetValueOrDefault(verdict.Kind) + 1;
        var before = _transitions.Count;
        var stale = ticket.Epoch != _epoch;
        if (!stale)
        {
            if (ticket.IsTrial)
            {
                ReportTrial(ticket.TrialId, verdict);
            }
            else
            {
                RecordClosed(verdict);
            }
        }

        var caused = _transitions.Count > before ? _transitions[before] : null;
        AdvanceTo(Now);
        return new ModelReport(verdict, caused, stale);
    }

    /// <summary>For a shadow: the outcome of a call that finished at <paramref name="now"/>, as an instantaneous call
    /// admitted and reported at that instant; dropped when the model would have rejected it. Answers the transition
    /// the outcome caused, if any.</summary>
    public ModelTransition? Observe(CallVerdict verdict, long now)
    {
        var decision = Admit(now);
        return decision.Admitted ? Report(decision.Ticket!, verdict, now).Caused : null;
    }

    public ModelTransition? Isolate(long now)
    {
        AdvanceTo(now);
        if (State == BreakerState.Isolated)
        {
            return null;
        }

        _trials.Clear();
        return Move(BreakerState.Isolated, Now, new ModelTransition(State, BreakerState.Isolated, Now, TransitionRule.Isolated));
    }

    public ModelTransition? Reset(long now)
    {
        AdvanceTo(now);
        if (State == BreakerState.Closed)
        {
            // Nothing to transition, but the counts are cleared and earlier calls' outcomes no longer count.
            ClearCounts();
            ConsecutiveReopens = 0;
            _epoch++;
            return null;
        }

        return Close(Now, new ModelTransition(State, BreakerState.Closed, Now, TransitionRule.Reset), clearCounts: true);
    }

    public SnapshotView Snapshot(long now)
    {
        AdvanceTo(now);
        return new SnapshotView(
            State,
            Now,
            _policy is ConsecutiveFailuresPolicy ? ConsecutiveFailures : 0,
            FailuresCounted(),
            CallsCounted(),
            State == BreakerState.Open ? BreakEndsAt : null,
            _trials.Count,
            TrialSuccesses,
            ConsecutiveReopens,
            "");
    }

    /// <summary>Applies what time alone decides, in the order it happens: a break ending, a trial missing its deadline
    /// (which opens a new break, which may itself end before <paramref name="now"/>), failures ageing out.</summary>
    public void AdvanceTo(long now)
    {
        Now = Math.Max(Now, now);
        while (true)
        {
            if (State == BreakerState.Open && Now >= BreakEndsAt)
            {
                var at = BreakEndsAt;
                if (_breakEndsByAgeing)
                {
                    var window = (RollingWindowPolicy)_policy;
                    Close(
                        at,
                        new ModelTransition(BreakerState.Open, BreakerState.Closed, at, TransitionRule.FailuresAgedOut, _log!.FailuresAt(at), _log.CallsAt(at), window.Failures, Window: window.Window),
                        clearCounts: false);
                }
                else
                {
                    Move(BreakerState.HalfOpen, at, new ModelTransition(BreakerState.Open, BreakerState.HalfOpen, at, TransitionRule.BreakEnded, BreakDuration: TimeSpan.FromTicks(at - _openedAt)));
                }

                continue;
            }

            if (State == BreakerState.HalfOpen && EarliestTrialDeadline is { } deadline && Now >= deadline)
            {
                ConsecutiveReopens++;
                Open(deadline, new ModelTransition(BreakerState.HalfOpen, BreakerState.Open, deadline, TransitionRule.TrialDeadlineExceeded), null);
                continue;
            }

            return;
        }
    }

    private ModelDecision Reject(TimeSpan? retryAfter)
    {
        Rejections[State] = Rejections.GetValueOrDefault(State) + 1;
        return new ModelDecision(false, State, retryAfter, null);
    }

    private void RecordClosed(CallVerdict verdict)
    {
        if (verdict.Kind == CallVerdictKind.Ignored)
        {
            return;
        }

        var failed = verdict.Kind == CallVerdictKind.Failure;
        ConsecutiveFailures = failed ? ConsecutiveFailures + 1 : 0;
        _log?.Add(Now, failed);
        _lastCalls.Add(failed);
        if (failed && PolicyFires() is { } opening)
        {
            ConsecutiveReopens = 0;
            Open(Now, opening, verdict.RetryAfter);
        }
    }

    /// <summary>The opening the policy decides on the failure just recorded, or null when it does not fire.</summary>
    private ModelTransition? PolicyFires()
    {
        ModelTransition Opening(TransitionRule rule, long failures, long calls, long threshold) =>
            new(BreakerState.Closed, BreakerState.Open, Now, rule, failures, calls, threshold);

        switch (_policy)
        {
            case ConsecutiveFailuresPolicy consecutive:
                return ConsecutiveFailures >= consecutive.Failures
                    ? Opening(TransitionRule.ConsecutiveFailures, ConsecutiveFailures, ConsecutiveFailures, consecutive.Failures)
                    : null;
            case RollingWindowPolicy window:
                return _log!.FailuresAt(Now) >= window.Failures
                    ? Opening(TransitionRule.FailuresInWindow, _log.FailuresAt(Now), _log.CallsAt(Now), window.Failures) with { Window = window.Window }
                    : null;
            case FailureRatioPolicy ratio:
                var (failures, calls) = (_log!.FailuresAt(Now), _log.CallsAt(Now));
                return calls >= ratio.MinimumThroughput && (double)failures / calls >= ratio.Ratio
                    ? Opening(TransitionRule.FailureRatio, failures, calls, ratio.MinimumThroughput) with
                    {
                        Ratio = (double)failures / calls,
                        RatioThreshold = ratio.Ratio,
                        Window = ratio.Window,
                    }
                    : null;
            case LastCallsPolicy last:
                return FailuresCounted() >= last.Failures
                    ? Opening(TransitionRule.FailuresInLastCalls, FailuresCounted(), CallsCounted(), last.Failures)
                    : null;
            default:
                throw new NotSupportedException($"The model does not know the policy {_policy}.");
        }
    }

    /// <summary>Failures in the policy's window: in time, or among the last calls; 0 for consecutive failures.</summary>
    private long FailuresCounted() => _policy switch
    {
        LastCallsPolicy last => _lastCalls.TakeLast(last.Calls).Count(failed => failed),
        _ => _log?.FailuresAt(Now) ?? 0,
    };

    private long CallsCounted() => _policy switch
    {
        LastCallsPolicy last => Math.Min(_lastCalls.Count, last.Calls),
        _ => _log?.CallsAt(Now) ?? 0,
    };

    private void ReportTrial(long trialId, CallVerdict verdict)
    {
        if (_trials.RemoveAll(t => t.Id == trialId) == 0)
        {
            return;
        }

        if (verdict.Kind == CallVerdictKind.Success)
        {
            TrialSuccesses++;
            if (TrialSuccesses >= _options.SuccessesToClose)
            {
                Close(Now, new ModelTransition(BreakerState.HalfOpen, BreakerState.Closed, Now, TransitionRule.TrialsSucceeded, Threshold: TrialSuccesses), clearCounts: true);
            }
        }
        else if (verdict.Kind == CallVerdictKind.Failure)
        {
            ConsecutiveReopens++;
            Open(Now, new ModelTransition(BreakerState.HalfOpen, BreakerState.Open, Now, TransitionRule.TrialFailed), verdict.RetryAfter);
        }
    }

    /// <summary>Opens at <paramref name="at"/>: for the provider's retry-after (capped) then half-open; otherwise by the
    /// policy's own recovery, ageing out or a break.</summary>
    private void Open(long at, ModelTransition opening, TimeSpan? retryAfter)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        _openedAt = at;

        // Half-open in an ageing window only follows a retry-after break: a failed trial re-opens for that long again.
        var reopeningAgeingWindow = RecoversByAgeing && State == BreakerState.HalfOpen;
        _breakEndsByAgeing = retryAfter is null && RecoversByAgeing && !reopeningAgeingWindow;
        if (retryAfter is { } asked)
        {
            RetryAfterCapped |= asked.Ticks > _capTicks;
            BreakEndsAt = at + Math.Min(asked.Ticks, _capTicks);
        }
        else
        {
            BreakEndsAt = _breakEndsByAgeing ? FirstInstantWithFewEnoughFailures(at)
                : reopeningAgeingWindow ? at + _lastBreakTicks
                : at + BreakTicks();
        }

        _lastBreakTicks = BreakEndsAt - at;

        Move(BreakerState.Open, at, opening with
        {
            BreakEndsAt = BreakEndsAt,
            BreakDuration = TimeSpan.FromTicks(BreakEndsAt - at),
            RetryAfter = retryAfter,
            BreakEndsIn = _breakEndsByAgeing ? BreakerState.Closed : BreakerState.HalfOpen,
        });
    }

    /// <summary>Walks forward bucket by bucket from <paramref name="at"/> until the failures left in the window are below
    /// the policy's count: that bucket's edge, or <paramref name="at"/> itself when they already are.</summary>
    private long FirstInstantWithFewEnoughFailures(long at)
    {
        var failures = ((RollingWindowPolicy)_policy).Failures;
        var bucket = _log!.BucketOf(at);
        while (_log.FailuresInWindowEndingAt(bucket) >= failures)
        {
            bucket++;
        }

        return Math.Max(at, bucket * _log.BucketTicks);
    }

    /// <summary>base × factor^reopens, capped, to the nearest tick; computed in decimal, so exact for the factors the
    /// tests use (1.2 included, which binary floating point cannot hold exactly).</summary>
    private long BreakTicks()
    {
        decimal ticks = _baseBreakTicks!.Value;
        for (var i = 0; i < ConsecutiveReopens && ticks < _capTicks; i++)
        {
            ticks *= (decimal)_options.BreakDurationGrowthFactor;
        }

        BreakReachedCap |= ticks > _capTicks;
        return ticks >= _capTicks ? _capTicks : (long)Math.Round(ticks);
    }

    private ModelTransition Close(long at, ModelTransition closing, bool clearCounts)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        ConsecutiveReopens = 0;
        if (clearCounts)
        {
            ClearCounts();
        }

        return Move(BreakerState.Closed, at, closing);
    }

    private void ClearCounts()
    {
        ConsecutiveFailures = 0;
        _log?.Clear();
        _lastCalls.Clear();
    }

    private ModelTransition Move(BreakerState to, long at, ModelTransition transition)
    {
        transition = transition with { From = State, To = to, At = at };
        _transitions.Add(transition);
        State = to;
        _epoch++;
        return transition;
    }
}
