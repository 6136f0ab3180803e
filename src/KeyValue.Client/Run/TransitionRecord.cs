namespace KeyValue.Client.Run;

/// <summary>A change of the circuit's state, with the breaker's explanation.</summary>
/// <param name="Time">When it changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The rule that fired and its numbers, e.g. "3 consecutive failures".</param>
/// <param name="NextTrialIn">When the circuit opened: how long until a trial call is admitted, if it will be.</param>
internal sealed record TransitionRecord(DateTimeOffset Time, CircuitStatus From, CircuitStatus To, string Reason, TimeSpan? NextTrialIn);
