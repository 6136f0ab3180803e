using System.Text.Json.Serialization;

namespace KeyValue.Client.Trace;

/// <summary>
/// The client trace's JSON, generated at build time: camelCase names, times in UTC, and strict reading — every field
/// of a record is required, a non-nullable one may not be null, and the <c>type</c> may come anywhere in the line.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true,
    Converters = [typeof(UtcTimeJsonConverter)])]
[JsonSerializable(typeof(ClientTraceRecord))]
internal sealed partial class ClientTraceJsonContext : JsonSerializerContext;
