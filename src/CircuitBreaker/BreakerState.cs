namespace CircuitBreaker;

/// <summary>The state of a breaker's circuit. (Named <c>BreakerState</c>, not <c>CircuitState</c>, so that a file
/// importing Polly's namespaces beside this one compiles without aliases.)</summary>
public enum BreakerState
{
    /// <summary>Calls flow; outcomes are counted against the policy.</summary>
    Closed = 0,

    /// <summary>Calls are rejected until the break ends.</summary>
    Open = 1,

    /// <summary>A limited number of trial calls are admitted to probe whether the dependency recovered.</summary>
    HalfOpen = 2,

    /// <summary>Held open by <see cref="Breaker.IsolateAsync"/> until <see cref="Breaker.ResetAsync"/>.</summary>
    Isolated = 3,
}
