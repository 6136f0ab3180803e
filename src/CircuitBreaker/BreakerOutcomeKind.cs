namespace CircuitBreaker;

/// <summary>How a call through <see cref="Breaker.TryExecuteAsync{T}(Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>
/// ended. How it counted for the circuit is <see cref="BreakerOutcome{T}.CountedAs"/>.</summary>
public enum BreakerOutcomeKind
{
    /// <summary>The breaker rejected the call; the operation did not run.</summary>
    Rejected = 0,

    /// <summary>The operation ran and returned a value — which may still count as a failure (an HTTP 503, say).</summary>
    Completed = 1,

    /// <summary>The operation ran and threw; see <see cref="BreakerOutcome{T}.Exception"/>.</summary>
    Faulted = 2,
}
