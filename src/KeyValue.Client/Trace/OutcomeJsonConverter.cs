using System.Text.Json;
using System.Text.Json.Serialization;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>A call's outcome in lower case (<c>ok</c>, <c>failed</c>, <c>rejected</c>); a number is refused on reading.</summary>
internal sealed class OutcomeJsonConverter() : JsonStringEnumConverter<RequestOutcome>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);
