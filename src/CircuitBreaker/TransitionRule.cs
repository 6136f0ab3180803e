namespace CircuitBreaker;

/// <summary>The rule that made a circuit change state; <see cref="CircuitTransition"/> carries its numbers.</summary>
public enum TransitionRule
{
    /// <summary>Closed → open: <see cref="CircuitTransition.Failures"/> failures in a row reached <see cref="CircuitTransition.Threshold"/>.</summary>
    ConsecutiveFailures = 0,

    /// <summary>Closed → open: the failures inside <see cref="CircuitTransition.Window"/> reached <see cref="CircuitTransition.Threshold"/>.</summary>
    FailuresInWindow = 1,

    /// <summary>Closed → open: at least <see cref="CircuitTransition.Threshold"/> calls in the window and their failed
    /// share (<see cref="CircuitTransition.Ratio"/>) reached <see cref="CircuitTransition.RatioThreshold"/>.</summary>
    FailureRatio = 2,

    /// <summary>Closed → open: of the last <see cref="CircuitTransition.Calls"/> calls, <see cref="CircuitTransition.Failures"/>
    /// failed, reaching <see cref="CircuitTransition.Threshold"/>.</summary>
    FailuresInLastCalls = 3,

    /// <summary>Open → half-open: the break ended.</summary>
    BreakEnded = 4,

    /// <summary>Open → closed (rolling window without a break duration): the failures still inside the window fell
    /// below the threshold.</summary>
    FailuresAgedOut = 5,

    /// <summary>Half-open → closed: enough trials succeeded.</summary>
    TrialsSucceeded = 6,

    /// <summary>Half-open → open: a trial failed.</summary>
    TrialFailed = 7,

    /// <summary>Half-open → open: a trial did not report before its deadline.</summary>
    TrialDeadlineExceeded = 8,

    /// <summary>Any → isolated: <see cref="Breaker.IsolateAsync"/>.</summary>
    Isolated = 9,

    /// <summary>Any → closed: <see cref="Breaker.ResetAsync"/>.</summary>
    Reset = 10,

    /// <summary>Any → any: the circuit shared with other processes (<see cref="BreakerOptions.SharedState"/>) changed
    /// state elsewhere, and this breaker adopted the fleet's state.</summary>
    Shared = 11,
}
