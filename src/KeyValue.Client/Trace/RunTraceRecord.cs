namespace KeyValue.Client.Trace;

/// <summary>
/// The trace's first line: when the run started and what watched it, so a report can name the policies.
/// <c>{"type":"run","time":"…","policy":"fail-max 3","description":"opens after 3 consecutive failures","resetTimeoutMs":2000,"halfOpenMax":1,"shadows":[{"name":"fail-max 5","description":"opens after 5 consecutive failures"}]}</c>.
/// </summary>
/// <param name="Time">When the run started: the origin of the report's time axis.</param>
/// <param name="Policy">The breaker's own policy in the words of <c>--shadow</c>, e.g. <c>fail-max 3</c>.</param>
/// <param name="Description">The policy as a person reads it, e.g. <c>opens after 3 consecutive failures</c>.</param>
/// <param name="ResetTimeoutMs">How long the circuit stays open before a trial; null when it closes by itself as failures age out.</param>
/// <param name="HalfOpenMax">Trial calls admitted at once.</param>
/// <param name="Shadows">The shadow policies, in the order given.</param>
internal sealed record RunTraceRecord(
    DateTimeOffset Time,
    string Policy,
    string Description,
    double? ResetTimeoutMs,
    int HalfOpenMax,
    IReadOnlyList<ShadowPolicyTraceRecord> Shadows) : ClientTraceRecord;
