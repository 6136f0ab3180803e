using System.Text.Json.Serialization;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Report;

/// <summary>The server trace's JSON, generated at build time, read as strictly as the client's (see <see cref="ClientTraceJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowOutOfOrderMetadataProperties = true,
    Converters = [typeof(UtcTimeJsonConverter)])]
[JsonSerializable(typeof(ServerTraceRecord))]
internal sealed partial class ServerTraceJsonContext : JsonSerializerContext;
