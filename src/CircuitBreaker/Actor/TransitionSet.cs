namespace CircuitBreaker.Actor;

/// <summary>The transitions one message caused: at most one of the breaker's own circuit and any number of its
/// shadows'. Null stands for none, so that a call that changed nothing allocates nothing.</summary>
internal sealed class TransitionSet(CircuitTransition? own, CircuitTransition[] shadows)
{
    public CircuitTransition? Own { get; } = own;

    public IReadOnlyList<CircuitTransition> Shadows { get; } = shadows;

    /// <summary>The transitions from <paramref name="start"/> on, or null when there are none.</summary>
    public static TransitionSet? From(List<CircuitTransition> transitions, int start)
    {
        if (start >= transitions.Count)
        {
            return null;
        }

        CircuitTransition? own = null;
        var shadows = new List<CircuitTransition>();
        for (var i = start; i < transitions.Count; i++)
        {
            if (transitions[i].Shadow is null)
            {
                own ??= transitions[i];
            }
            else
            {
                shadows.Add(transitions[i]);
            }
        }

        return new TransitionSet(own, [.. shadows]);
    }
}
