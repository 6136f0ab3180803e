using System.Text.Json;
using System.Text.Json.Serialization;

namespace KeyValue.Client.Trace;

/// <summary>
/// Times as ISO 8601 in UTC with a <c>Z</c> and only the digits needed (<c>2026-11-25T12:00:01.5Z</c>), as the trace
/// has always written them; any ISO 8601 offset is read.
/// </summary>
internal sealed class UtcTimeJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var time)
            ? time
            : throw new JsonException("a time must be an ISO 8601 string, e.g. \"2026-11-25T12:00:01.5Z\".");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.UtcDateTime);
    }
}
