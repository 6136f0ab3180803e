using CircuitBreaker.Actor;
using CircuitBreaker.Controller;

namespace CircuitBreaker;

/// <summary>The result of a call through the exception-free API: the value or the exception the operation produced,
/// or a rejection; how the call counted; and what it did to the circuit. Building it allocates nothing unless the call
/// caused a transition.</summary>
/// <typeparam name="T">The operation's result type.</typeparam>
public readonly struct BreakerOutcome<T> : IEquatable<BreakerOutcome<T>>
{
    private readonly TransitionSet? _transitions;
    private readonly BreakerClock? _clock;
    private readonly long _breakEndsAt;

    internal BreakerOutcome(BreakerOutcomeKind kind, T? value, Exception? exception, BreakerState state, CallVerdictKind? countedAs, TransitionSet? transitions)
    {
        Kind = kind;
        Value = value;
        Exception = exception;
        State = state;
        CountedAs = countedAs;
        _transitions = transitions;
        _breakEndsAt = Admission.UnknownBreakEnd;
    }

    private BreakerOutcome(BreakerState state, BreakerClock clock, long breakEndsAt)
    {
        Kind = BreakerOutcomeKind.Rejected;
        State = state;
        _clock = clock;
        _breakEndsAt = breakEndsAt;
    }

    /// <summary>How the call ended.</summary>
    public BreakerOutcomeKind Kind { get; }

    /// <summary>The operation's value when <see cref="Kind"/> is <see cref="BreakerOutcomeKind.Completed"/>; otherwise default.</summary>
    public T? Value { get; }

    /// <summary>The exception the operation threw when <see cref="Kind"/> is <see cref="BreakerOutcomeKind.Faulted"/>.</summary>
    public Exception? Exception { get; }

    /// <summary>The state in which the call was admitted (Closed or HalfOpen) or rejected (Open, HalfOpen or Isolated).</summary>
    public BreakerState State { get; }

    /// <summary>How the call counted for the circuit; <see langword="null"/> for a rejection (nothing ran).</summary>
    public CallVerdictKind? CountedAs { get; }

    /// <summary>The transition the call's outcome caused (closed → open, half-open → closed or open), with its rule and
    /// numbers; <see langword="null"/> when none. By the time the call returns, <see cref="Breaker.StateChanged"/> has
    /// been raised for it.</summary>
    public CircuitTransition? Transition => _transitions?.Own;

    /// <summary>The shadow policies' would-be transitions the call's outcome caused; empty when none.</summary>
    public IReadOnlyList<CircuitTransition> ShadowTransitions => _transitions?.Shadows ?? [];

    /// <summary>For a rejection by an open circuit: how long from now until its break ends (read when asked); otherwise
    /// <see langword="null"/> (isolated, half-open with every trial slot busy, or not rejected).</summary>
    public TimeSpan? RetryAfter => _clock is null || _breakEndsAt == Admission.UnknownBreakEnd
        ? null
        : TimeSpan.FromTicks(Math.Max(0, _breakEndsAt - _clock.Now()));

    /// <summary><see langword="true"/> when the operation returned a value.</summary>
    public bool HasValue => Kind == BreakerOutcomeKind.Completed;

    /// <summary><see langword="true"/> when the call counted as a failure (a thrown exception or a result classified so).</summary>
    public bool IsFailure => CountedAs == CallVerdictKind.Failure;

    /// <summary><see langword="true"/> when the breaker rejected the call.</summary>
    public bool IsRejected => Kind == BreakerOutcomeKind.Rejected;

    /// <summary>The effect on the circuit, as a permit's report gives it.</summary>
    public CircuitEffect Effect => new(_transitions);

    /// <inheritdoc/>
    public bool Equals(BreakerOutcome<T> other) =>
        Kind == other.Kind
        && EqualityComparer<T?>.Default.Equals(Value, other.Value)
        && ReferenceEquals(Exception, other.Exception)
        && State == other.State
        && CountedAs == other.CountedAs
        && ReferenceEquals(_transitions, other._transitions)
        && _breakEndsAt == other._breakEndsAt;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is BreakerOutcome<T> other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Value, Exception, State, CountedAs, _transitions, _breakEndsAt);

    /// <summary>Compares two outcomes field by field.</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(BreakerOutcome<T> left, BreakerOutcome<T> right) => left.Equals(right);

    /// <summary>Compares two outcomes field by field.</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(BreakerOutcome<T> left, BreakerOutcome<T> right) => !left.Equals(right);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        BreakerOutcomeKind.Completed => $"Completed({Value}) in {State}, counted as {CountedAs}",
        BreakerOutcomeKind.Faulted => $"Faulted({Exception?.GetType().Name}) in {State}, counted as {CountedAs}",
        _ => $"Rejected in {State}",
    };

    internal static BreakerOutcome<T> Rejected(in Admission rejection, BreakerClock clock) => new(rejection.State, clock, rejection.BreakEndsAt);
}
