using KeyValue.Faults;
using KeyValue.Protocol;

namespace KeyValue.Server.Trace;

/// <summary>
/// One line of the trace, as queued by the request path (or a fault change) for the writer: plain data, formatted only
/// by the writer, off the request path.
/// </summary>
internal struct TraceRecord
{
    public TraceRecordKind Kind;

    /// <summary>When it happened, in UTC ticks.</summary>
    public long UtcTicks;

    // Request records.
    public long RequestNumber;
    public long Total;
    public long ConnectionId;
    public CommandKind Command;
    public TraceFault Fault;
    public TraceReply Reply;
    public FaultSpec? Spec;
    public FaultMode? Mode;
    public TraceKey Key;

    // Spec records.
    public FaultChange? Change;
}
