namespace CircuitBreaker;

/// <summary>How a call through <see cref="Breaker.TryExecuteAsync{T}(Func{CancellationToken, ValueTask{T}}, CancellationToken)"/> ended.</summary>
public enum BreakerOutcomeKind
{
    /// <summary>The breaker rejected the call; the operation did not run.</summary>
    Rejected = 0,

    /// <summary>The operation ran and returned a value.</summary>
    Succeeded = 1,

    /// <summary>The operation ran and threw; see <see cref="BreakerOutcome{T}.Exception"/>. Whether the exception
    /// counted as a failure is decided by <see cref="BreakerOptions.IsFailure"/>.</summary>
    Faulted = 2,
}
