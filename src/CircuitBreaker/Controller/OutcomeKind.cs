namespace CircuitBreaker.Controller;

/// <summary>How a finished call counts for the breaker.</summary>
internal enum OutcomeKind : byte
{
    Success = 0,
    Failure = 1,

    /// <summary>Neither success nor failure (the caller's own cancellation, or an exception the predicate ignores).
    /// A trial reported so frees its slot without deciding anything.</summary>
    Ignored = 2,
}
