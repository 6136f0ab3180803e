using System.Text.Json.Serialization;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>
/// A shadow policy's would-be change of state: <c>{"type":"shadow","name":"fail-max 5","seq":12,"time":"…","from":"Closed","to":"Open","reason":"5 consecutive failures"}</c>.
/// </summary>
/// <param name="Name">The shadow, as given to <c>--shadow</c>.</param>
/// <param name="Seq">The call whose outcome caused it; null when time alone did (a break ending).</param>
/// <param name="Time">When it would have changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The rule that fired and its numbers.</param>
internal sealed record ShadowTraceRecord(
    string Name,
    int? Seq,
    DateTimeOffset Time,
    [property: JsonConverter(typeof(StateJsonConverter))] CircuitStatus From,
    [property: JsonConverter(typeof(StateJsonConverter))] CircuitStatus To,
    string Reason) : ClientTraceRecord;
