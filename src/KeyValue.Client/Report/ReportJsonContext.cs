using System.Text.Json.Serialization;

namespace KeyValue.Client.Report;

/// <summary>The scorecard's JSON, generated at build time: camelCase names, nulls written, indented for people.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(ScorecardDocument))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
