namespace KeyValue.Client.Report;

/// <summary><c>{"type":"spec","time":"…","spec":"EVERY 3RD OF 5","mode":"ERROR","source":"command-line"}</c>: the fault spec from then on.</summary>
/// <param name="Time">When the spec took effect.</param>
/// <param name="Spec">The spec's canonical text, e.g. <c>ON</c>, <c>FOR 5s</c>.</param>
/// <param name="Mode">The fault mode, e.g. <c>ERROR</c>, <c>DELAY 500ms</c>.</param>
/// <param name="Source"><c>command-line</c>, <c>console</c> or <c>expired</c> (a NEXT or FOR spec that ran its course).</param>
internal sealed record ServerSpecRecord(DateTimeOffset Time, string Spec, string Mode, string Source) : ServerTraceRecord;
