namespace CircuitBreaker;

/// <summary>How a finished call counts for the breaker.</summary>
public enum CallVerdictKind
{
    /// <summary>The call succeeded: it resets consecutive failures and counts as a call in a window.</summary>
    Success = 0,

    /// <summary>The call failed: it counts against the policy; a failed half-open trial re-opens the circuit.</summary>
    Failure = 1,

    /// <summary>Neither success nor failure: no count changes; a half-open trial reported so frees its slot without
    /// deciding anything. The caller's own cancellation is always ignored.</summary>
    Ignored = 2,
}
