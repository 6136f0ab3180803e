using KeyValue.Client.Trace;

namespace KeyValue.Client.Report;

/// <summary>A client trace as read: the run record, every record after it in file order, and the summary if the run wrote one.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Run">The first line.</param>
/// <param name="Records">Requests, transitions and shadow changes, in the order the client wrote them.</param>
/// <param name="Summary">The last line; null when the run was cut off before it.</param>
internal sealed record ClientTrace(string Path, RunTraceRecord Run, IReadOnlyList<ClientTraceRecord> Records, SummaryTraceRecord? Summary)
{
    /// <summary>When the run started: the origin of the time axis.</summary>
    public DateTimeOffset Start => Run.Time;

    /// <summary>When the run ended: the summary's time, or else the latest record's (never before the start).</summary>
    public DateTimeOffset End => Summary?.Time ?? Records.Select(TimeOf).Append(Start).Max();

    public IReadOnlyList<RequestTraceRecord> Requests { get; } = [.. Records.OfType<RequestTraceRecord>()];

    public IReadOnlyList<TransitionTraceRecord> Transitions { get; } = [.. Records.OfType<TransitionTraceRecord>()];

    private static DateTimeOffset TimeOf(ClientTraceRecord record) => record switch
    {
        RunTraceRecord run => run.Time,
        RequestTraceRecord request => request.Time,
        TransitionTraceRecord transition => transition.Time,
        ShadowTraceRecord shadow => shadow.Time,
        SummaryTraceRecord summary => summary.Time,
        _ => throw new ArgumentOutOfRangeException(nameof(record), record, "not a client trace record"),
    };
}
