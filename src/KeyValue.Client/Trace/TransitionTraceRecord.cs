using System.Text.Json.Serialization;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>
/// A change of the circuit's state: <c>{"type":"transition","time":"…","from":"Closed","to":"Open","reason":"3 consecutive failures","breakMs":10000,"breakEndsAt":"…","closesByItself":false}</c>;
/// <c>breakMs</c>, <c>breakEndsAt</c> and <c>closesByItself</c> only on an opening, <c>retryAfterMs</c> only when the server asked for the break.
/// </summary>
/// <param name="Time">When it changed.</param>
/// <param name="From">The state before.</param>
/// <param name="To">The state after.</param>
/// <param name="Reason">The rule that fired and its numbers.</param>
/// <param name="BreakMs">On an opening: how long the break lasts.</param>
/// <param name="BreakEndsAt">On an opening: when the break ends.</param>
/// <param name="ClosesByItself">On an opening: the circuit closes by itself as the failures age out, with no trial.</param>
/// <param name="RetryAfterMs">On an opening caused by the server's retry-after: what the server asked for.</param>
internal sealed record TransitionTraceRecord(
    DateTimeOffset Time,
    [property: JsonConverter(typeof(StateJsonConverter))] CircuitStatus From,
    [property: JsonConverter(typeof(StateJsonConverter))] CircuitStatus To,
    string Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? BreakMs = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? BreakEndsAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? ClosesByItself = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? RetryAfterMs = null) : ClientTraceRecord;
