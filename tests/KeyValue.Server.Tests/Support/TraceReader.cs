using System.Text;
using System.Text.Json;

namespace KeyValue.Server.Tests.Support;

/// <summary>Reads a <c>--trace</c> file (also while the server still writes it): every line must be one JSON object.</summary>
internal static class TraceReader
{
    public static List<JsonElement> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    public static List<JsonElement> Parse(string text)
    {
        Assert.True(text.Length == 0 || text.EndsWith('\n'), "A trace ends with a complete line.");
        var records = new List<JsonElement>();
        foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using JsonDocument document = JsonDocument.Parse(line);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
            records.Add(document.RootElement.Clone());
        }

        return records;
    }

    public static string Type(this JsonElement record) => record.GetProperty("type").GetString()!;

    public static string? Text(this JsonElement record, string name) => record.GetProperty(name).GetString();

    public static long Number(this JsonElement record, string name) => record.GetProperty(name).GetInt64();

    public static IEnumerable<JsonElement> OfType(this IEnumerable<JsonElement> records, string type) =>
        records.Where(record => record.Type() == type);
}
