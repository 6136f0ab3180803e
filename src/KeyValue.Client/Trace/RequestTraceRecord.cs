using System.Text.Json.Serialization;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>
/// One call: <c>{"type":"request","seq":1,"time":"…","command":"SET","key":"k1","outcome":"ok","reply":"OK","error":null,"state":"Closed","latencyMs":0.8}</c>.
/// </summary>
/// <param name="Seq">The call's number in the run, from 1.</param>
/// <param name="Time">When the call was admitted or rejected.</param>
/// <param name="Command">The verb as sent, e.g. <c>SET</c>.</param>
/// <param name="Key">The key, when the command has one.</param>
/// <param name="Outcome"><c>ok</c>, <c>failed</c> or <c>rejected</c>.</param>
/// <param name="Reply">The server's reply line, when one came.</param>
/// <param name="Error">Why the call failed or was rejected, otherwise null.</param>
/// <param name="State">The circuit's state when the call was admitted or rejected: <c>Closed</c>, <c>Open</c>, <c>HalfOpen</c>.</param>
/// <param name="LatencyMs">How long the call took, in milliseconds; null when rejected.</param>
internal sealed record RequestTraceRecord(
    int Seq,
    DateTimeOffset Time,
    string Command,
    string? Key,
    [property: JsonConverter(typeof(OutcomeJsonConverter))] RequestOutcome Outcome,
    string? Reply,
    string? Error,
    [property: JsonConverter(typeof(StateJsonConverter))] CircuitStatus State,
    double? LatencyMs) : ClientTraceRecord
{
    /// <summary>The call reached the server (it was not rejected).</summary>
    [JsonIgnore]
    public bool ReachedServer => Outcome != RequestOutcome.Rejected;
}
