using System.Text.Json.Serialization;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>A circuit state as its name (<c>Closed</c>, <c>Open</c>, <c>HalfOpen</c>); a number is refused on reading.</summary>
internal sealed class StateJsonConverter() : JsonStringEnumConverter<CircuitStatus>(namingPolicy: null, allowIntegerValues: false);
