namespace CircuitBreaker.Policies;

/// <summary>Why a rule fired, as numbers: what a <see cref="CircuitTransition"/> is made from. <c>Duration</c> is
/// the break that ended or the trial deadline that passed.</summary>
internal readonly record struct PolicyFacts(
    TransitionRule Rule,
    long Failures = 0,
    long Calls = 0,
    long Threshold = 0,
    double? Ratio = null,
    double? RatioThreshold = null,
    TimeSpan? Window = null,
    TimeSpan? Duration = null);
