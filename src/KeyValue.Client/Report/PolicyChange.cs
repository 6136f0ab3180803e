using KeyValue.Client.Run;

namespace KeyValue.Client.Report;

/// <summary>A policy's (would-be) change of state, as the trace has it.</summary>
/// <param name="Time">When.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The rule that fired and its numbers.</param>
internal sealed record PolicyChange(DateTimeOffset Time, CircuitStatus From, CircuitStatus To, string Reason);
