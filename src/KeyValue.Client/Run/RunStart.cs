namespace KeyValue.Client.Run;

/// <summary>How the run starts: when, and the policies that watch it (the trace's first line).</summary>
/// <param name="Time">When the run started.</param>
/// <param name="Policy">The breaker's own policy.</param>
/// <param name="ResetTimeout">How long the circuit stays open before a trial; null when it closes by itself as failures age out.</param>
/// <param name="HalfOpenMaxCalls">Trial calls admitted at once.</param>
/// <param name="Shadows">The shadow policies, in the order given.</param>
internal sealed record RunStart(
    DateTimeOffset Time,
    PolicyDescription Policy,
    TimeSpan? ResetTimeout,
    int HalfOpenMaxCalls,
    IReadOnlyList<PolicyDescription> Shadows);
