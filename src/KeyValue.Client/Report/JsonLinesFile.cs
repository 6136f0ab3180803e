using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace KeyValue.Client.Report;

/// <summary>
/// Reads a JSON Lines file as records of one (polymorphic) type: each non-blank line is one JSON object. A line that
/// is not one — not JSON, cut short, of an unknown <c>type</c>, missing a field, a field of the wrong kind — is a
/// <see cref="TraceFormatException"/> naming the file, the line and what is wrong, in the trace's own field names.
/// </summary>
internal static partial class JsonLinesFile
{
    /// <summary>Every record with its line number (from 1), in file order.</summary>
    /// <exception cref="TraceFormatException">A line is not a record.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static List<(int Line, T Record)> Read<T>(string path, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        var records = new List<(int Line, T Record)>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                records.Add((number, Parse(line, typeInfo) is var (record, what) && record is not null
                    ? record
                    : throw new TraceFormatException(path, number, what!)));
            }
        }

        return records;
    }

    /// <summary>The line's record, or what is wrong with it.</summary>
    private static (T? Record, string? What) Parse<T>(string line, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException exception)
        {
            var truncated = exception.BytePositionInLine is { } position && position >= Encoding.UTF8.GetByteCount(line.TrimEnd());
            return (null, (truncated ? "the line ends before its JSON does (truncated?): " : "not JSON: ") + WithoutPosition(exception.Message));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, $"not a trace record: a JSON {document.RootElement.ValueKind.ToString().ToLowerInvariant()}, not an object");
            }

            if (!document.RootElement.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
            {
                return (null, "the record has no \"type\"");
            }

            try
            {
                return (document.Deserialize(typeInfo), null);
            }
            catch (JsonException exception)
            {
                return (null, Explain(exception, document.RootElement));
            }
        }
    }

    /// <summary>The serializer's complaint in the trace's terms: field names as on the line, no .NET type names.</summary>
    private static string Explain(JsonException exception, JsonElement root)
    {
        var message = WithoutPosition(exception.Message);
        var field = exception.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        if (UnknownType().Match(message) is { Success: true } unknown)
        {
            return $"unknown record type \"{unknown.Groups[1].Value}\"";
        }

        if (MissingFields().Match(message) is { Success: true } missing)
        {
            return $"missing field {missing.Groups[1].Value}";
        }

        if (field is not null && message.Contains("doesn't allow null values", StringComparison.Ordinal))
        {
            return $"\"{field}\" may not be null";
        }

        if (field is not null && message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
        {
            return root.TryGetProperty(field, out var element)
                ? $"\"{field}\": {element.GetRawText()} is not a valid value here"
                : $"\"{field}\": not a valid value here";
        }

        return field is null ? message : $"\"{field}\": {message}";
    }

    private static string WithoutPosition(string message)
    {
        foreach (var suffix in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(suffix, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.TrimEnd();
    }

    [GeneratedRegex("unrecognized type discriminator id '(.*)'")]
    private static partial Regex UnknownType();

    [GeneratedRegex("missing required properties including: (.*?)\\.?$")]
    private static partial Regex MissingFields();
}
