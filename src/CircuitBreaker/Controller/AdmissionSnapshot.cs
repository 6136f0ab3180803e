namespace CircuitBreaker.Controller;

/// <summary>What callers need to decide on their own, published by the actor as one immutable object behind a
/// volatile reference. Closed admits without asking the actor; Open before <see cref="BreakEndsAt"/>, Isolated,
/// and half-open with every trial slot taken (before the earliest trial deadline) reject without asking it.
/// Everything else asks the actor.</summary>
internal sealed record AdmissionSnapshot(
    CircuitState State,
    long Generation,
    int ConsecutiveFailures,
    long BreakEndsAt,
    bool TrialsFull,
    long EarliestTrialDeadline)
{
    public static readonly AdmissionSnapshot Initial = new(CircuitState.Closed, 0, 0, 0, false, long.MaxValue);
}
