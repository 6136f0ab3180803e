namespace CircuitBreaker.PropertyTests.Model;

/// <summary>The reference model: a plain sequential state machine written from issue 3's contract, with no
/// concurrency, no caching and no cleverness, so that it can be read and believed. Time is ticks since the breaker
/// was created and only moves forward.</summary>
/// <remarks>
/// Rules, each straight from the issue (and the API notes where the issue leaves a choice):
/// <list type="bullet">
/// <item>Closed → Open when the policy fires, judged when a failure is recorded: n failures in a row; failures in
/// the window &gt; threshold; calls in the window ≥ minimum throughput and failed share ≥ ratio.</item>
/// <item>Open → HalfOpen the instant the break ends (now ≥ end: the break-end instant itself admits). The break is
/// base × factor^n for the n-th consecutive re-open, capped; tripping from closed starts again at n = 0.</item>
/// <item>Rolling window without a break duration: no half-open; Open → Closed at the first bucket edge at which the
/// failures left in the window are ≤ threshold. The window is not cleared by that close.</item>
/// <item>HalfOpen admits up to <c>HalfOpenMaxCalls</c> trials at once; closes after <c>SuccessesToClose</c>
/// successful trials (clearing the counts), re-opens on a failed trial or when a trial reaches its deadline
/// (admission + <c>TrialDeadline</c>; reaching it counts as failed). An ignored trial frees its slot.</item>
/// <item>Isolate holds the circuit open until Reset; Reset closes from any state and clears every count.</item>
/// <item>A success slower than <c>SlowCallThreshold</c> (strictly longer) counts as a failure.</item>
/// <item>An outcome reported for a call admitted before the latest transition or reset is ignored (it belongs to
/// a period that is over), and a permit counts only its first report.</item>
/// </list>
/// </remarks>
internal sealed class ReferenceBreaker
{
    private readonly BreakerOptions _options;
    private readonly BreakerPolicy _policy;
    private readonly OutcomeLog? _log;
    private readonly List<(long Id, long Deadline)> _trials = [];
    private readonly List<ModelTransition> _transitions = [];
    private long _nextTrialId = 1;
    private long _epoch;

    public ReferenceBreaker(BreakerOptions options)
    {
        _options = options;
        _policy = options.Policy;
        if (_policy.Kind != BreakerPolicyKind.ConsecutiveFailures)
        {
            _log = new OutcomeLog(Math.Max(1, _policy.Window.Ticks / _policy.BucketCount), _policy.BucketCount);
        }
    }

    public long Now { get; private set; }

    public CircuitState State { get; private set; } = CircuitState.Closed;

    public long BreakEndsAt { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public int ConsecutiveReopens { get; private set; }

    public int TrialSuccesses { get; private set; }

    public IReadOnlyList<ModelTransition> Transitions => _transitions;

    /// <summary>Calls that ran and reported, by how they counted (after the slow-call rule), stale ones included: what
    /// the <c>circuitbreaker.calls</c> counter should show.</summary>
    public Dictionary<ModelOutcome, long> Calls { get; } = [];

    /// <summary>Rejected requests by the state that rejected them: what <c>circuitbreaker.rejections</c> should show.</summary>
    public Dictionary<CircuitState, long> Rejections { get; } = [];

    /// <summary>For the properties' own coverage checks: the most trials ever in flight at once.</summary>
    public int MostTrialsInFlight { get; private set; }

    /// <summary>For the properties' own coverage checks: whether a growing break ever reached its cap.</summary>
    public bool BreakReachedCap { get; private set; }

    /// <summary>The earliest deadline of the trials in flight, if any.</summary>
    public long? EarliestTrialDeadline => _trials.Count == 0 ? null : _trials.Min(t => t.Deadline);

    /// <summary>The bucket width of the window policies, or null for consecutive failures.</summary>
    public long? BucketTicks => _log?.BucketTicks;

    private bool RecoversByAgeing => _policy.Kind == BreakerPolicyKind.RollingWindow && _options.BreakDuration is null;

    public ModelDecision Admit(long now)
    {
        AdvanceTo(now);
        switch (State)
        {
            case CircuitState.Closed:
                return new ModelDecision(true, CircuitState.Closed, null, new ModelTicket(_epoch, 0, Now));
            case CircuitState.Open:
                return Reject(TimeSpan.FromTicks(BreakEndsAt - Now));
            case CircuitState.HalfOpen when _trials.Count < _options.HalfOpenMaxCalls:
                var id = _nextTrialId++;
                _trials.Add((id, Now + _options.TrialDeadline.Ticks));
                MostTrialsInFlight = Math.Max(MostTrialsInFlight, _trials.Count);
                return new ModelDecision(true, CircuitState.HalfOpen, null, new ModelTicket(_epoch, id, Now));
            default:
                return Reject(null);
        }
    }

    public void Report(ModelTicket ticket, ModelOutcome outcome, long now)
    {
        AdvanceTo(now);
        if (ticket.Reported)
        {
            return;
        }

        ticket.Reported = true;
        if (outcome == ModelOutcome.Success && _options.SlowCallThreshold is { } slow && Now - ticket.StartedAt > slow.Ticks)
        {
            outcome = ModelOutcome.Failure;
        }

        Calls[outcome] = Calls.GetValueOrDefault(outcome) + 1;

        if (ticket.Epoch != _epoch || outcome == ModelOutcome.Ignored && !ticket.IsTrial)
        {
            return;
        }

        if (ticket.IsTrial)
        {
            ReportTrial(ticket.TrialId, outcome);
            return;
        }

        var failed = outcome == ModelOutcome.Failure;
        ConsecutiveFailures = failed ? ConsecutiveFailures + 1 : 0;
        _log?.Add(Now, failed);
        if (failed && PolicyFires())
        {
            ConsecutiveReopens = 0;
            Open(Now);
        }
    }

    public void Isolate(long now)
    {
        AdvanceTo(now);
        if (State != CircuitState.Isolated)
        {
            _trials.Clear();
            Move(CircuitState.Isolated, Now);
        }
    }

    public void Reset(long now)
    {
        AdvanceTo(now);
        if (State == CircuitState.Closed)
        {
            // Nothing to transition, but the counts are cleared and earlier calls' outcomes no longer count.
            ClearCounts();
            _epoch++;
            return;
        }

        Close(Now, clearWindow: true);
    }

    public SnapshotView Snapshot(long now)
    {
        AdvanceTo(now);
        return new SnapshotView(
            State,
            Now,
            ConsecutiveFailures,
            _log?.FailuresAt(Now) ?? 0,
            _log?.CallsAt(Now) ?? 0,
            State == CircuitState.Open ? BreakEndsAt : null,
            _trials.Count,
            TrialSuccesses,
            ConsecutiveReopens);
    }

    /// <summary>Applies what time alone decides, in the order it happens: a break ending, a trial missing its deadline
    /// (which opens a new break, which may itself end before <paramref name="now"/>), failures ageing out.</summary>
    public void AdvanceTo(long now)
    {
        Now = Math.Max(Now, now);
        while (true)
        {
            if (State == CircuitState.Open && Now >= BreakEndsAt)
            {
                if (RecoversByAgeing)
                {
                    Close(BreakEndsAt, clearWindow: false);
                }
                else
                {
                    Move(CircuitState.HalfOpen, BreakEndsAt);
                }

                continue;
            }

            if (State == CircuitState.HalfOpen && EarliestTrialDeadline is { } deadline && Now >= deadline)
            {
                ConsecutiveReopens++;
                Open(deadline);
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

    private bool PolicyFires()
    {
        switch (_policy.Kind)
        {
            case BreakerPolicyKind.ConsecutiveFailures:
                return ConsecutiveFailures >= _policy.FailureThreshold;
            case BreakerPolicyKind.RollingWindow:
                return _log!.FailuresAt(Now) > _policy.FailureThreshold;
            default:
                var calls = _log!.CallsAt(Now);
                var failures = _log.FailuresAt(Now);
                return calls >= _policy.MinimumThroughput && (double)failures / calls >= _policy.Ratio;
        }
    }

    private void ReportTrial(long trialId, ModelOutcome outcome)
    {
        if (_trials.RemoveAll(t => t.Id == trialId) == 0)
        {
            return;
        }

        if (outcome == ModelOutcome.Success)
        {
            TrialSuccesses++;
            if (TrialSuccesses >= _options.SuccessesToClose)
            {
                Close(Now, clearWindow: true);
            }
        }
        else if (outcome == ModelOutcome.Failure)
        {
            ConsecutiveReopens++;
            Open(Now);
        }
    }

    private void Open(long at)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        BreakEndsAt = RecoversByAgeing ? FirstBucketEdgeWithFewEnoughFailures() : at + BreakTicks();
        Move(CircuitState.Open, at);
    }

    /// <summary>Walks forward bucket by bucket until the failures left in the window are at most the threshold.</summary>
    private long FirstBucketEdgeWithFewEnoughFailures()
    {
        var bucket = _log!.BucketOf(Now);
        while (_log.FailuresInWindowEndingAt(bucket) > _policy.FailureThreshold)
        {
            bucket++;
        }

        return bucket * _log.BucketTicks;
    }

    /// <summary>base × factor^reopens, capped, to the nearest tick; computed in decimal, so exact for the factors the
    /// tests use (1.2 included, which binary floating point cannot hold exactly).</summary>
    private long BreakTicks()
    {
        var baseTicks = (_options.BreakDuration ?? BreakerDefaults.BreakDuration).Ticks;
        var cap = _options.MaxBreakDuration.Ticks;
        decimal ticks = baseTicks;
        for (var i = 0; i < ConsecutiveReopens && ticks < cap; i++)
        {
            ticks *= (decimal)_options.BreakDurationGrowthFactor;
        }

        BreakReachedCap |= ticks > cap;
        return ticks >= cap ? cap : (long)Math.Round(ticks);
    }

    private void Close(long at, bool clearWindow)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        ConsecutiveFailures = 0;
        ConsecutiveReopens = 0;
        if (clearWindow)
        {
            _log?.Clear();
        }

        Move(CircuitState.Closed, at);
    }

    private void ClearCounts()
    {
        ConsecutiveFailures = 0;
        ConsecutiveReopens = 0;
        _log?.Clear();
    }

    private void Move(CircuitState to, long at)
    {
        _transitions.Add(new ModelTransition(State, to, at));
        State = to;
        _epoch++;
    }
}
