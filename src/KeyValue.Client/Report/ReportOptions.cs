namespace KeyValue.Client.Report;

/// <summary>What <c>report</c> was asked for.</summary>
/// <param name="ClientTracePath"><c>--client</c>: the client's trace (<c>--trace</c> of a run).</param>
/// <param name="ServerTracePath"><c>--server</c>: the server's trace of the same run, if any.</param>
/// <param name="OutPath"><c>--out</c>: the HTML report.</param>
/// <param name="SvgPath"><c>--svg</c>: the timeline alone, if wanted.</param>
/// <param name="ScorecardPath"><c>--scorecard</c>: the scorecard as JSON, if wanted.</param>
internal sealed record ReportOptions(string ClientTracePath, string? ServerTracePath, string OutPath, string? SvgPath, string? ScorecardPath);
