namespace CircuitBreaker;

/// <summary>Thrown by <see cref="Breaker.ExecuteAsync{T}(Func{CancellationToken, ValueTask{T}}, CancellationToken)"/>
/// when the breaker rejects a call without running it.</summary>
public sealed class CircuitOpenException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public CircuitOpenException()
        : this("The circuit is open.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public CircuitOpenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The cause.</param>
    public CircuitOpenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a rejection.</summary>
    /// <param name="breakerName">The breaker's <see cref="BreakerOptions.Name"/>.</param>
    /// <param name="state">The state that rejected the call.</param>
    /// <param name="retryAfter">How long until the breaker may admit calls again, when known.</param>
    public CircuitOpenException(string breakerName, BreakerState state, TimeSpan? retryAfter)
        : base(FormatMessage(breakerName, state, retryAfter))
    {
        BreakerName = breakerName;
        State = state;
        RetryAfter = retryAfter;
    }

    /// <summary>The name of the breaker that rejected the call; <see langword="null"/> when the exception was created
    /// without one.</summary>
    public string? BreakerName { get; }

    /// <summary>The state that rejected the call: <see cref="BreakerState.Open"/>,
    /// <see cref="BreakerState.HalfOpen"/> (all trial slots busy) or <see cref="BreakerState.Isolated"/>.</summary>
    public BreakerState State { get; } = BreakerState.Open;

    /// <summary>How long until the break ends; <see langword="null"/> when unknown
    /// (isolated, or half-open with every trial slot busy).</summary>
    public TimeSpan? RetryAfter { get; }

    private static string FormatMessage(string breakerName, BreakerState state, TimeSpan? retryAfter) =>
        retryAfter is { } wait
            ? $"Circuit '{breakerName}' is {state}; retry after {DurationText.Format(wait)}."
            : $"Circuit '{breakerName}' is {state}; the call was rejected.";
}
