namespace KeyValue.Client.Run;

/// <summary>A change of the circuit's state, with the breaker's explanation.</summary>
/// <param name="Time">When it changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The rule that fired and its numbers, e.g. "3 consecutive failures".</param>
/// <param name="BreakDuration">When the circuit opened: how long the break lasts.</param>
/// <param name="ClosesByItself">When the circuit opened: it closes by itself as the failures age out, with no trial.</param>
/// <param name="RetryAfter">When the circuit opened on the server's retry-after: what the server asked for.</param>
internal sealed record TransitionRecord(
    DateTimeOffset Time,
    CircuitStatus From,
    CircuitStatus To,
    string Reason,
    TimeSpan? BreakDuration = null,
    bool ClosesByItself = false,
    TimeSpan? RetryAfter = null);
