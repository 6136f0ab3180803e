using System.Text.Json;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>One line of a client trace, as written: every field kept as the JSON had it.</summary>
internal sealed record TraceLine(
    string Type,
    int Seq,
    string? Command,
    string? Key,
    string? Outcome,
    string? Reply,
    string? Error,
    string? State,
    double? LatencyMs,
    string? From,
    string? To,
    string? Reason,
    DateTimeOffset? Time,
    int Requests,
    int Ok,
    int Failed,
    int Rejected,
    int Violations,
    string? Name = null,
    double? BreakMs = null,
    double? RetryAfterMs = null,
    bool HasSeq = false)
{
    public static TraceLine Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new TraceLine(
            root.GetProperty("type").GetString()!,
            Int(root, "seq"),
            Text(root, "command"),
            Text(root, "key"),
            Text(root, "outcome"),
            Text(root, "reply"),
            Text(root, "error"),
            Text(root, "state"),
            root.TryGetProperty("latencyMs", out var latency) && latency.ValueKind == JsonValueKind.Number ? latency.GetDouble() : null,
            Text(root, "from"),
            Text(root, "to"),
            Text(root, "reason"),
            root.TryGetProperty("time", out var time) ? time.GetDateTimeOffset() : null,
            Int(root, "requests"),
            Int(root, "ok"),
            Int(root, "failed"),
            Int(root, "rejected"),
            Int(root, "violations"),
            Text(root, "name"),
            Number(root, "breakMs"),
            Number(root, "retryAfterMs"),
            root.TryGetProperty("seq", out var seq) && seq.ValueKind == JsonValueKind.Number);
    }

    private static double? Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;
}
