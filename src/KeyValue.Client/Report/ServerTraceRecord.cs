using System.Text.Json.Serialization;

namespace KeyValue.Client.Report;

/// <summary>
/// One line of the server's trace (<c>--trace</c> on the server), as far as the report reads it: <c>spec</c>,
/// <c>request</c>, <c>dropped</c> and <c>end</c>. Fields the report does not use are ignored.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ServerSpecRecord), "spec")]
[JsonDerivedType(typeof(ServerRequestRecord), "request")]
[JsonDerivedType(typeof(ServerDroppedRecord), "dropped")]
[JsonDerivedType(typeof(ServerEndRecord), "end")]
internal abstract record ServerTraceRecord;
