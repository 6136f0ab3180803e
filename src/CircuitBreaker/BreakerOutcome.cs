namespace CircuitBreaker;

/// <summary>The result of a call through the exception-free API: a value, the exception the operation threw,
/// or a rejection. Building it allocates nothing.</summary>
/// <typeparam name="T">The operation's result type.</typeparam>
public readonly struct BreakerOutcome<T> : IEquatable<BreakerOutcome<T>>
{
    internal BreakerOutcome(BreakerOutcomeKind kind, T? value, Exception? exception, CircuitState state, TimeSpan? retryAfter)
    {
        Kind = kind;
        Value = value;
        Exception = exception;
        State = state;
        RetryAfter = retryAfter;
    }

    /// <summary>How the call ended.</summary>
    public BreakerOutcomeKind Kind { get; }

    /// <summary>The operation's value when <see cref="Kind"/> is <see cref="BreakerOutcomeKind.Succeeded"/>; otherwise default.</summary>
    public T? Value { get; }

    /// <summary>The exception the operation threw when <see cref="Kind"/> is <see cref="BreakerOutcomeKind.Faulted"/>.</summary>
    public Exception? Exception { get; }

    /// <summary>The state in which the call was admitted (Closed or HalfOpen) or rejected (Open, HalfOpen or Isolated).</summary>
    public CircuitState State { get; }

    /// <summary>For a rejection: how long until the break ends, when known.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary><see langword="true"/> when the operation returned a value.</summary>
    public bool IsSuccess => Kind == BreakerOutcomeKind.Succeeded;

    /// <summary><see langword="true"/> when the breaker rejected the call.</summary>
    public bool IsRejected => Kind == BreakerOutcomeKind.Rejected;

    /// <inheritdoc/>
    public bool Equals(BreakerOutcome<T> other) =>
        Kind == other.Kind
        && EqualityComparer<T?>.Default.Equals(Value, other.Value)
        && ReferenceEquals(Exception, other.Exception)
        && State == other.State
        && RetryAfter == other.RetryAfter;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BreakerOutcome<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Value, Exception, State, RetryAfter);

    /// <summary>Compares two outcomes field by field.</summary>
    public static bool operator ==(BreakerOutcome<T> left, BreakerOutcome<T> right) => left.Equals(right);

    /// <summary>Compares two outcomes field by field.</summary>
    public static bool operator !=(BreakerOutcome<T> left, BreakerOutcome<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        BreakerOutcomeKind.Succeeded => $"Succeeded({Value}) in {State}",
        BreakerOutcomeKind.Faulted => $"Faulted({Exception?.GetType().Name}) in {State}",
        _ => $"Rejected in {State}",
    };
}
