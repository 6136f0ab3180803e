namespace KeyValue.Client.Trace;

/// <summary>
/// The trace's last line, the summary table's numbers:
/// <c>{"type":"summary","time":"…","requests":10,"ok":7,"failed":3,"rejected":0,"violations":0,"transitions":1,"timeClosedMs":4500,"timeOpenMs":10000,"timeHalfOpenMs":500,"shadows":[{"name":"fail-max 5","opens":1,"saved":3,"lost":0}]}</c>.
/// </summary>
/// <param name="Time">When the run ended.</param>
/// <param name="Requests">Every call: ok + failed + rejected.</param>
/// <param name="Ok">Calls answered without a failure.</param>
/// <param name="Failed">Calls that failed (counted by the breaker).</param>
/// <param name="Rejected">Calls the open circuit rejected.</param>
/// <param name="Violations">Read-your-writes violations.</param>
/// <param name="Transitions">Changes of the circuit's state.</param>
/// <param name="TimeClosedMs">Milliseconds closed.</param>
/// <param name="TimeOpenMs">Milliseconds open.</param>
/// <param name="TimeHalfOpenMs">Milliseconds half-open.</param>
/// <param name="Shadows">Per shadow policy: its openings and the calls it would have saved and lost.</param>
internal sealed record SummaryTraceRecord(
    DateTimeOffset Time,
    int Requests,
    int Ok,
    int Failed,
    int Rejected,
    int Violations,
    int Transitions,
    double TimeClosedMs,
    double TimeOpenMs,
    double TimeHalfOpenMs,
    IReadOnlyList<ShadowSummaryTraceRecord> Shadows) : ClientTraceRecord;
