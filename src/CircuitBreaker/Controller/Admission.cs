namespace CircuitBreaker.Controller;

/// <summary>The decision for one call: rejected, admitted while closed, or admitted as a half-open trial.
/// <see cref="Generation"/> ties the call to the period it was admitted in, so an outcome that arrives after a
/// transition is recognised as stale and ignored. A rejection carries the break's end (ticks since the breaker's
/// origin; <see cref="UnknownBreakEnd"/> when there is none to wait for).</summary>
internal readonly record struct Admission(AdmissionKind Kind, BreakerState State, long Generation, long TrialId, long BreakEndsAt)
{
    public const long UnknownBreakEnd = long.MinValue;

    public bool IsAdmitted => Kind != AdmissionKind.Rejected;

    public static Admission Closed(long generation) => new(AdmissionKind.Closed, BreakerState.Closed, generation, 0, UnknownBreakEnd);

    public static Admission Trial(long generation, long trialId) => new(AdmissionKind.Trial, BreakerState.HalfOpen, generation, trialId, UnknownBreakEnd);

    public static Admission Rejected(BreakerState state, long breakEndsAt) => new(AdmissionKind.Rejected, state, 0, 0, breakEndsAt);
}
