namespace CircuitBreaker.Controller;

/// <summary>What callers need to decide on their own, published by the actor as one immutable object behind a
/// volatile reference. Closed admits without asking the actor; Open before <see cref="BreakEndsAt"/>, Isolated,
/// and half-open with every trial slot taken (before the earliest trial deadline) reject without asking it.
/// Everything else asks the actor. While <see cref="Environment.TickCount64"/> is below <c>CoarseRejectUntil</c>, an
/// Open circuit's break is certainly not over, so a rejection needs no precise clock read (<see cref="long.MinValue"/>
/// when unknown); <c>CoarseBreakEndsAt</c> is the break's end on that clock, for RetryAfter.</summary>
internal sealed record AdmissionSnapshot(
    CircuitState State,
    long Generation,
    int ConsecutiveFailures,
    long BreakEndsAt,
    bool TrialsFull,
    long EarliestTrialDeadline,
    long CoarseRejectUntil,
    long CoarseBreakEndsAt)
{
    public static readonly AdmissionSnapshot Initial = new(CircuitState.Closed, 0, 0, 0, false, long.MaxValue, long.MinValue, 0);
}
