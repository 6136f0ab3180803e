namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Where a time advance goes. The targets other than <see cref="By"/> are resolved when the step runs, from
/// the model's state, and fall back to one tick when the target does not exist (for example no break running).</summary>
internal enum AdvanceTarget
{
    /// <summary>Forward by a fixed number of ticks.</summary>
    By,

    /// <summary>To the instant the current break ends, plus an offset of −1, 0 or +1 tick.</summary>
    BreakEnd,

    /// <summary>To the earliest deadline of the trials in flight, plus an offset.</summary>
    TrialDeadline,

    /// <summary>To the next bucket edge of any time window (the breaker's or a shadow's), plus an offset.</summary>
    BucketEdge,

    /// <summary>To the earliest instant a shadow's break ends, plus an offset.</summary>
    ShadowBreakEnd,
}
