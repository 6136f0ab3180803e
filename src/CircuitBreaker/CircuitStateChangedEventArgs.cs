namespace CircuitBreaker;

/// <summary>Describes one transition of a circuit, for <see cref="Breaker.StateChanged"/>.</summary>
public sealed class CircuitStateChangedEventArgs : EventArgs
{
    /// <summary>Creates the event data.</summary>
    /// <param name="from">The state before.</param>
    /// <param name="to">The state after.</param>
    /// <param name="time">When the transition happened, by the breaker's <see cref="TimeProvider"/>.</param>
    /// <param name="reason">The rule that fired, with its numbers.</param>
    public CircuitStateChangedEventArgs(CircuitState from, CircuitState to, DateTimeOffset time, string reason)
    {
        From = from;
        To = to;
        Time = time;
        Reason = reason;
    }

    /// <summary>The state before the transition.</summary>
    public CircuitState From { get; }

    /// <summary>The state after the transition.</summary>
    public CircuitState To { get; }

    /// <summary>When the transition happened, by the breaker's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The rule that fired and its numbers, e.g. "3 consecutive failures",
    /// "6 failures in the last 10 s > 5", "break of 30 s ended", "1 trial succeeded".</summary>
    public string Reason { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{From} -> {To}: {Reason}";
}
