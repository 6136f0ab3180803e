using System.Globalization;
using CircuitBreaker.Health;

namespace CircuitBreaker.Controller;

/// <summary>The breaker's state machine: synchronous, deterministic, and owned by exactly one thread at a time
/// (the actor loop of <see cref="Breaker"/>, or a test). Time is passed in as ticks since the breaker's origin;
/// every time-driven change (break end, trial deadline, failures ageing out) is decided lazily by
/// <see cref="Advance"/> and dated at the instant its rule fired, so the result does not depend on when the
/// change is noticed.</summary>
internal sealed class CircuitController
{
    private readonly BreakerPolicy _policy;
    private readonly long? _breakTicks;
    private readonly double _growthFactor;
    private readonly long _maxBreakTicks;
    private readonly int _halfOpenMaxCalls;
    private readonly int _successesToClose;
    private readonly long _trialDeadlineTicks;
    private readonly RollingCounter? _window;
    private readonly Action<Transition> _onTransition;
    private readonly List<(long Id, long Deadline)> _trials = [];
    private long _nextTrialId = 1;
    private long _now;

    public CircuitController(BreakerOptions options, Action<Transition> onTransition)
    {
        _policy = options.Policy;
        _breakTicks = options.EffectiveBreakDuration?.Ticks;
        _growthFactor = options.BreakDurationGrowthFactor;
        _maxBreakTicks = options.MaxBreakDuration.Ticks;
        _halfOpenMaxCalls = options.HalfOpenMaxCalls;
        _successesToClose = options.SuccessesToClose;
        _trialDeadlineTicks = options.TrialDeadline.Ticks;
        _onTransition = onTransition;
        if (_policy.Kind != BreakerPolicyKind.ConsecutiveFailures)
        {
            _window = new RollingCounter(Math.Max(1, _policy.Window.Ticks / _policy.BucketCount), _policy.BucketCount);
        }
    }

    public CircuitState State { get; private set; } = CircuitState.Closed;

    /// <summary>Incremented on every transition and reset, so outcomes of calls admitted earlier are recognised as stale.</summary>
    public long Generation { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    /// <summary>When open: the instant (ticks) the break ends.</summary>
    public long BreakEndsAt { get; private set; }

    public int TrialsInFlight => _trials.Count;

    public int TrialSuccesses { get; private set; }

    public int ConsecutiveReopens { get; private set; }

    public long FailuresInWindow => _window?.Failures ?? 0;

    public long CallsInWindow => _window?.Calls ?? 0;

    /// <summary>True when the window policy closes the circuit by failures ageing out instead of half-open trials.</summary>
    public bool RecoversByAgeing => _breakTicks is null;

    /// <summary>The bucket width of the window policies; 0 for consecutive failures.</summary>
    public long BucketTicks => _window?.BucketTicks ?? 0;

    /// <summary>The latest instant the controller has seen.</summary>
    public long Now => _now;

    public bool TrialsFull => State == CircuitState.HalfOpen && _trials.Count >= _halfOpenMaxCalls;

    /// <summary>The earliest deadline of the trials in flight, or <see cref="long.MaxValue"/>.</summary>
    public long EarliestTrialDeadline
    {
        get
        {
            var earliest = long.MaxValue;
            foreach (var trial in _trials)
            {
                earliest = Math.Min(earliest, trial.Deadline);
            }

            return earliest;
        }
    }

    /// <summary>The next instant at which time alone changes something, or <see cref="long.MaxValue"/>.</summary>
    public long NextDeadline => State switch
    {
        CircuitState.Open => BreakEndsAt,
        CircuitState.HalfOpen => EarliestTrialDeadline,
        _ => long.MaxValue,
    };

    /// <summary>Applies everything that time alone decides up to <paramref name="now"/>. Time never goes back:
    /// an older instant is treated as the latest one seen.</summary>
    public void Advance(long now)
    {
        _now = Math.Max(_now, now);
        _window?.AdvanceTo(_window.BucketOf(_now));
        while (true)
        {
            if (State == CircuitState.Open && _now >= BreakEndsAt)
            {
                if (RecoversByAgeing)
                {
                    var at = BreakEndsAt;
                    Close(at, Invariant($"failures aged out: {FailuresInWindow} in the last {DurationText.Format(_policy.Window)} <= {_policy.FailureThreshold}"), clearWindow: false);
                }
                else
                {
                    var ended = TimeSpan.FromTicks(CurrentBreakTicks());
                    Move(CircuitState.HalfOpen, BreakEndsAt, $"break of {DurationText.Format(ended)} ended");
                    TrialSuccesses = 0;
                }

                continue;
            }

            if (State == CircuitState.HalfOpen && EarliestTrialDeadline <= _now)
            {
                ConsecutiveReopens++;
                Open(EarliestTrialDeadline, $"trial exceeded its deadline of {DurationText.Format(TimeSpan.FromTicks(_trialDeadlineTicks))}");
                continue;
            }

            return;
        }
    }

    /// <summary>Decides whether a call may run now; grants a trial slot in half-open.</summary>
    public Admission Admit(long now)
    {
        Advance(now);
        switch (State)
        {
            case CircuitState.Closed:
                return Admission.Closed(Generation);
            case CircuitState.Open:
                return Admission.Rejected(CircuitState.Open, BreakEndsAt - _now);
            case CircuitState.HalfOpen when _trials.Count < _halfOpenMaxCalls:
                var id = _nextTrialId++;
                _trials.Add((id, _now + _trialDeadlineTicks));
                return Admission.Trial(Generation, id);
            default:
                return Admission.Rejected(State, Admission.UnknownRetryAfter);
        }
    }

    /// <summary>Applies the outcome of an admitted call. Outcomes of calls admitted before the latest transition,
    /// and second reports of the same trial, are ignored.</summary>
    public void Record(in Admission admission, OutcomeKind outcome, long now)
    {
        Advance(now);
        if (!admission.IsAdmitted || admission.Generation != Generation)
        {
            return;
        }

        if (admission.Kind == AdmissionKind.Closed)
        {
            RecordClosed(outcome);
        }
        else
        {
            RecordTrial(admission.TrialId, outcome);
        }
    }

    /// <summary>Adds <paramref name="count"/> successes made while closed in <paramref name="generation"/>, during
    /// bucket <paramref name="bucket"/> (window policies) — the successes callers tallied without a message each.</summary>
    public void RecordSuccesses(long generation, long bucket, long count, long now)
    {
        Advance(now);
        if (generation != Generation || State != CircuitState.Closed || count <= 0)
        {
            return;
        }

        ConsecutiveFailures = 0;
        _window?.AddSuccesses(bucket, count);
    }

    public void Isolate(long now)
    {
        Advance(now);
        if (State != CircuitState.Isolated)
        {
            _trials.Clear();
            Move(CircuitState.Isolated, _now, "isolated manually");
        }
    }

    public void Reset(long now)
    {
        Advance(now);
        if (State == CircuitState.Closed)
        {
            ConsecutiveFailures = 0;
            ConsecutiveReopens = 0;
            _window?.Clear();
            Generation++;
            return;
        }

        Close(_now, "reset manually", clearWindow: true);
    }

    private void RecordClosed(OutcomeKind outcome)
    {
        var bucket = _window?.BucketOf(_now) ?? 0;
        switch (outcome)
        {
            case OutcomeKind.Success:
                ConsecutiveFailures = 0;
                _window?.AddSuccesses(bucket, 1);
                return;
            case OutcomeKind.Failure:
                ConsecutiveFailures++;
                _window?.AddFailure(bucket);
                TripIfPolicySays();
                return;
            default:
                return;
        }
    }

    private void TripIfPolicySays()
    {
        switch (_policy.Kind)
        {
            case BreakerPolicyKind.ConsecutiveFailures when ConsecutiveFailures >= _policy.FailureThreshold:
                Trip(Invariant($"{ConsecutiveFailures} consecutive failures"));
                return;
            case BreakerPolicyKind.RollingWindow when FailuresInWindow > _policy.FailureThreshold:
                Trip(Invariant($"{FailuresInWindow} failures in the last {DurationText.Format(_policy.Window)} > {_policy.FailureThreshold}"));
                return;
            case BreakerPolicyKind.FailureRatio when CallsInWindow >= _policy.MinimumThroughput
                                                  && FailuresInWindow >= _policy.Ratio * CallsInWindow:
                Trip(Invariant($"{FailuresInWindow} of {CallsInWindow} calls failed in the last {DurationText.Format(_policy.Window)}: {100.0 * FailuresInWindow / CallsInWindow:0.##}% >= {100.0 * _policy.Ratio:0.##}%"));
                return;
            default:
                return;
        }
    }

    private void RecordTrial(long trialId, OutcomeKind outcome)
    {
        var index = IndexOfTrial(trialId);
        if (index < 0)
        {
            return;
        }

        _trials.RemoveAt(index);
        switch (outcome)
        {
            case OutcomeKind.Success:
                TrialSuccesses++;
                if (TrialSuccesses >= _successesToClose)
                {
                    Close(_now, TrialSuccesses == 1 ? "1 trial succeeded" : Invariant($"{TrialSuccesses} trials succeeded"), clearWindow: true);
                }

                return;
            case OutcomeKind.Failure:
                ConsecutiveReopens++;
                Open(_now, "trial failed");
                return;
            default:
                return;
        }
    }

    private int IndexOfTrial(long trialId)
    {
        for (var i = 0; i < _trials.Count; i++)
        {
            if (_trials[i].Id == trialId)
            {
                return i;
            }
        }

        return -1;
    }

    private void Trip(string reason)
    {
        ConsecutiveReopens = 0;
        Open(_now, reason);
    }

    private void Open(long at, string reason)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        BreakEndsAt = RecoversByAgeing
            ? _window!.FirstBucketWithFailuresAtMost(_policy.FailureThreshold) * _window.BucketTicks
            : at + CurrentBreakTicks();
        Move(CircuitState.Open, at, reason);
    }

    private void Close(long at, string reason, bool clearWindow)
    {
        _trials.Clear();
        TrialSuccesses = 0;
        ConsecutiveFailures = 0;
        ConsecutiveReopens = 0;
        if (clearWindow)
        {
            _window?.Clear();
        }

        Move(CircuitState.Closed, at, reason);
    }

    private void Move(CircuitState to, long at, string reason)
    {
        var from = State;
        State = to;
        Generation++;
        _onTransition(new Transition(from, to, at, reason));
    }

    /// <summary>The break for the current run of re-opens: base × factor^reopens, capped.</summary>
    private long CurrentBreakTicks()
    {
        var baseTicks = _breakTicks ?? 0;
        if (ConsecutiveReopens == 0 || _growthFactor <= 1)
        {
            return Math.Min(baseTicks, _maxBreakTicks);
        }

        var grown = baseTicks * Math.Pow(_growthFactor, ConsecutiveReopens);
        // Rounded, not truncated: 100 ms × 1.2³ is 172.79999… ms in binary and must last 172.8 ms to the tick.
        return grown >= _maxBreakTicks ? _maxBreakTicks : (long)Math.Round(grown);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
