namespace CircuitBreaker.Controller;

/// <summary>The decision for one call: rejected, admitted while closed, or admitted as a half-open trial.
/// <see cref="Generation"/> ties the call to the period it was admitted in, so an outcome that arrives after a
/// transition is recognised as stale and ignored.</summary>
internal readonly record struct Admission(AdmissionKind Kind, CircuitState State, long Generation, long TrialId, long RetryAfterTicks)
{
    public const long UnknownRetryAfter = -1;

    public bool IsAdmitted => Kind != AdmissionKind.Rejected;

    public TimeSpan? RetryAfter => RetryAfterTicks < 0 ? null : TimeSpan.FromTicks(RetryAfterTicks);

    public static Admission Closed(long generation) => new(AdmissionKind.Closed, CircuitState.Closed, generation, 0, 0);

    public static Admission Trial(long generation, long trialId) => new(AdmissionKind.Trial, CircuitState.HalfOpen, generation, trialId, 0);

    public static Admission Rejected(CircuitState state, long retryAfterTicks) => new(AdmissionKind.Rejected, state, 0, 0, retryAfterTicks);
}
