using System.Text.Json.Serialization;

namespace KeyValue.Client.Trace;

/// <summary>
/// One line of the client's trace (JSON Lines). The line's <c>type</c> names the record: <c>run</c> (first),
/// <c>request</c>, <c>transition</c>, <c>shadow</c>, <c>summary</c> (last). Written and read through
/// <see cref="ClientTraceJsonContext"/>, so the file's fields are exactly the records' properties.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(RunTraceRecord), "run")]
[JsonDerivedType(typeof(RequestTraceRecord), "request")]
[JsonDerivedType(typeof(TransitionTraceRecord), "transition")]
[JsonDerivedType(typeof(ShadowTraceRecord), "shadow")]
[JsonDerivedType(typeof(SummaryTraceRecord), "summary")]
internal abstract record ClientTraceRecord;
