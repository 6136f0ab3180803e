namespace CircuitBreaker;

/// <summary>Describes one transition, for <see cref="Breaker.StateChanged"/> and <see cref="Breaker.ShadowStateChanged"/>.</summary>
public sealed class CircuitStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="transition">The transition.</param>
    public CircuitStateChangedEventArgs(CircuitTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        Transition = transition;
    }

    /// <summary>The transition, with its rule, numbers and break: the same object the call that caused it returns.</summary>
    public CircuitTransition Transition { get; }

    /// <summary>The state before the transition.</summary>
    public BreakerState From => Transition.From;

    /// <summary>The state after the transition.</summary>
    public BreakerState To => Transition.To;

    /// <summary>When the transition happened, by the breaker's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Time => Transition.Time;

    /// <summary>The rule that fired and its numbers, as text.</summary>
    public string Reason => Transition.Reason;

    /// <inheritdoc/>
    public override string ToString() => Transition.ToString();
}
