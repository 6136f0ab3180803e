namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Which of a permit's report methods carries an outcome; all must count alike.</summary>
internal enum PermitReport
{
    /// <summary>The method named for the outcome: <c>ReportSuccessAsync</c>, <c>ReportFailureAsync</c> (with the
    /// exception the call would have thrown, or none), <c>ReportIgnoredAsync</c>, and <c>ReportResultAsync</c> for a
    /// reply.</summary>
    Typed,

    /// <summary><c>ReportResultAsync</c> with the reply for every outcome that returns one (the success included);
    /// otherwise as <see cref="Typed"/>.</summary>
    Result,

    /// <summary><c>ReportAsync</c> with the verdict the outcome stands for: the caller classifies.</summary>
    Verdict,
}
