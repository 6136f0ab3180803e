using System.Globalization;
using System.Text.Json;

namespace KeyValue.Demo.Traces;

/// <summary>Reads a JSON Lines file: one object per line, each handed over with its line number.</summary>
internal static class JsonLines
{
    /// <exception cref="InvalidDataException">The file is missing, or a line is not a JSON object (the message names the line).</exception>
    public static IReadOnlyList<JsonElement> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{path} was not written");
        }

        var records = new List<JsonElement>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path} line {number} is not a JSON object"));
                }

                records.Add(document.RootElement.Clone());
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"{path} line {number} is not JSON: {exception.Message}"), exception);
            }
        }

        return records;
    }

    public static string Type(this JsonElement record) => record.Text("type") ?? string.Empty;

    public static string? Text(this JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static long? Number(this JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
