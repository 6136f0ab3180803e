using CircuitBreaker.Controller;

namespace CircuitBreaker.Actor;

/// <summary>What callers need to decide on their own, published by the actor as one immutable object behind a
/// volatile reference. Closed admits without asking the actor; Open before <see cref="BreakEndsAt"/>, Isolated, and
/// half-open with every trial slot taken (before the earliest trial deadline) reject without asking it. Everything
/// else asks the actor. <see cref="SuccessNeedsMessage"/>: a closed success must reach the actor at once (a shadow is
/// not closed, so the success may change it); <see cref="SuccessChangesNothing"/>: it need not be counted at all.
/// <see cref="CoarseRejectUntil"/> bounds, on <see cref="Environment.TickCount64"/>, how long an open circuit may
/// reject without a clock read.</summary>
internal sealed record AdmissionSnapshot(
    BreakerState State,
    long Generation,
    long BreakEndsAt,
    bool BreakEndsByAgeing,
    bool TrialsFull,
    long EarliestTrialDeadline,
    bool SuccessNeedsMessage,
    bool SuccessChangesNothing,
    long CoarseRejectUntil)
{
    public static readonly AdmissionSnapshot Initial = new(BreakerState.Closed, 0, 0, false, false, long.MaxValue, false, false, long.MinValue);

    /// <summary>What callers need of <paramref name="circuits"/> as of <paramref name="now"/>.</summary>
    public static AdmissionSnapshot Of(CircuitSet circuits, long now)
    {
        var own = circuits.Own;
        var state = own.State;
        var shadowsClosed = circuits.ShadowsClosed;
        return new AdmissionSnapshot(
            state,
            own.Generation,
            state == BreakerState.Open ? own.BreakEndsAt : 0,
            own.BreakEndsByAgeing,
            own.TrialsFull,
            state == BreakerState.HalfOpen ? own.EarliestTrialDeadline : long.MaxValue,
            SuccessNeedsMessage: !shadowsClosed,
            SuccessChangesNothing: shadowsClosed && circuits.SuccessChangesNothing,
            state == BreakerState.Open ? ActorTimer.CoarseRejectUntil(own.BreakEndsAt, now) : long.MinValue);
    }
}
