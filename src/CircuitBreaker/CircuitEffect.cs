using CircuitBreaker.Actor;

namespace CircuitBreaker;

/// <summary>What one reported call did to the circuit: the transition it caused, if any, and its shadows' would-be
/// transitions. By the time a caller has this, <see cref="Breaker.StateChanged"/> has been raised for the transition.</summary>
public readonly struct CircuitEffect : IEquatable<CircuitEffect>
{
    private readonly TransitionSet? _transitions;

    internal CircuitEffect(TransitionSet? transitions) => _transitions = transitions;

    /// <summary>The transition of the breaker's own circuit the call caused; <see langword="null"/> when none.</summary>
    public CircuitTransition? Transition => _transitions?.Own;

    /// <summary>The shadow policies' would-be transitions the call caused, in shadow order; empty when none.</summary>
    public IReadOnlyList<CircuitTransition> ShadowTransitions => _transitions?.Shadows ?? [];

    /// <inheritdoc/>
    public bool Equals(CircuitEffect other) => ReferenceEquals(_transitions, other._transitions);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CircuitEffect other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _transitions?.GetHashCode() ?? 0;

    /// <summary>Compares two effects by identity of what they carry.</summary>
    /// <param name="left">The first effect.</param>
    /// <param name="right">The second effect.</param>
    /// <returns><see langword="true"/> when both carry the same transitions.</returns>
    public static bool operator ==(CircuitEffect left, CircuitEffect right) => left.Equals(right);

    /// <summary>Compares two effects by identity of what they carry.</summary>
    /// <param name="left">The first effect.</param>
    /// <param name="right">The second effect.</param>
    /// <returns><see langword="true"/> when they carry different transitions.</returns>
    public static bool operator !=(CircuitEffect left, CircuitEffect right) => !left.Equals(right);
}
