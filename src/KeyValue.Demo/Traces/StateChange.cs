using System.Text.Json;

namespace KeyValue.Demo.Traces;

/// <summary>A change of the circuit's state, or of a shadow's would-be state.</summary>
internal sealed record StateChange(string From, string To, string? Shadow)
{
    public static StateChange Read(JsonElement record, string? shadow) =>
        new(record.Text("from") ?? "?", record.Text("to") ?? "?", shadow);

    public static string Path(IEnumerable<StateChange> changes) => string.Join(' ', changes.Select(change => $"{change.From}->{change.To}"));
}
