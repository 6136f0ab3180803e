namespace KeyValue.Client.Run;

/// <summary>A shadow policy's would-be change of state.</summary>
/// <param name="Name">The shadow, as given to <c>--shadow</c>.</param>
/// <param name="Sequence">The call whose outcome caused it; null when time alone did (a break ending).</param>
/// <param name="Time">When it would have changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The rule that fired and its numbers.</param>
internal sealed record ShadowRecord(string Name, int? Sequence, DateTimeOffset Time, CircuitStatus From, CircuitStatus To, string Reason);
