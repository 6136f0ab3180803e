namespace CircuitBreaker;

/// <summary>How one call's result or exception counts for the breaker, as decided by a classifier
/// (<see cref="BreakerOptions.ClassifyResult"/>, <see cref="BreakerOptions.ClassifyException"/>, or the classifier
/// passed to one call). A failure may carry the provider's retry-after, which then sets how long the opening it
/// causes lasts.</summary>
public readonly struct CallVerdict : IEquatable<CallVerdict>
{
    // The ticks' bitwise complement (never 0 for ticks >= 0), 0 for none, so that default is a plain success: a nullable
    // TimeSpan would make the struct half again as large, and it travels by value on every call's hot path.
    private readonly long _retryAfterComplement;

    private CallVerdict(CallVerdictKind kind, TimeSpan? retryAfter)
    {
        Kind = kind;
        _retryAfterComplement = retryAfter is { } wait ? ~wait.Ticks : 0;
    }

    /// <summary>The call counts as a success.</summary>
    public static CallVerdict Success => new(CallVerdictKind.Success, null);

    /// <summary>The call counts as a failure; an opening it causes lasts the configured break.</summary>
    public static CallVerdict Failure => new(CallVerdictKind.Failure, null);

    /// <summary>The call counts for nothing.</summary>
    public static CallVerdict Ignored => new(CallVerdictKind.Ignored, null);

    /// <summary>How the call counts.</summary>
    public CallVerdictKind Kind { get; }

    /// <summary>For a failure: how long the provider asked callers to stay away. When this failure opens the circuit
    /// (or re-opens it from half-open), the break lasts exactly this long, capped at
    /// <see cref="BreakerOptions.MaxBreakDuration"/>; <see langword="null"/> means the configured break.</summary>
    public TimeSpan? RetryAfter => _retryAfterComplement == 0 ? null : TimeSpan.FromTicks(~_retryAfterComplement);

    /// <summary>A failure whose opening lasts <paramref name="retryAfter"/> (capped at
    /// <see cref="BreakerOptions.MaxBreakDuration"/>) instead of the configured break.</summary>
    /// <param name="retryAfter">How long the provider asked callers to stay away; zero or more.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static CallVerdict FailureWithRetryAfter(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new CallVerdict(CallVerdictKind.Failure, retryAfter);
    }

    /// <inheritdoc/>
    public bool Equals(CallVerdict other) => Kind == other.Kind && _retryAfterComplement == other._retryAfterComplement;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CallVerdict other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _retryAfterComplement);

    /// <summary>Compares two verdicts.</summary>
    /// <param name="left">The first verdict.</param>
    /// <param name="right">The second verdict.</param>
    /// <returns><see langword="true"/> when both have the same kind and retry-after.</returns>
    public static bool operator ==(CallVerdict left, CallVerdict right) => left.Equals(right);

    /// <summary>Compares two verdicts.</summary>
    /// <param name="left">The first verdict.</param>
    /// <param name="right">The second verdict.</param>
    /// <returns><see langword="true"/> when they differ in kind or retry-after.</returns>
    public static bool operator !=(CallVerdict left, CallVerdict right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => RetryAfter is { } wait ? $"{Kind} (retry after {DurationText.Format(wait)})" : Kind.ToString();
}
