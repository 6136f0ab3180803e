using KeyValue.Faults;
using KeyValue.Protocol;

namespace KeyValue.Server.Trace;

/// <summary>
/// One connection's side of the trace: the request handler adds a record per data request to the connection's current batch,
/// and the connection hands the batch over (<see cref="Submit"/>) once it has handled a read, before it waits for
/// anything. Used by one connection at a time, so it needs no lock.
/// </summary>
internal sealed class ConnectionTrace
{
    private readonly ServerTrace _trace;
    private TraceBatch? _batch;

    public ConnectionTrace(ServerTrace trace, long connectionId)
    {
        _trace = trace;
        ConnectionId = connectionId;
    }

    /// <summary>The connection, as the log numbers it.</summary>
    public long ConnectionId { get; }

    /// <summary>Now, in UTC ticks, by the server's clock: the <c>time</c> of a request record.</summary>
    public long Now() => _trace.Now();

    /// <summary>Adds one data request's record to the batch.</summary>
    /// <param name="utcTicks">When the request was handled (read before the injector numbered it).</param>
    /// <param name="decision">The injector's decision, with the spec and mode that made it.</param>
    /// <param name="command">GET, SET or DEL.</param>
    /// <param name="key">The key; copied here, because the connection's buffer is reused once the request is answered.</param>
    /// <param name="fault">What the injector did to it.</param>
    /// <param name="reply">The reply's first word(s), or <see cref="TraceReply.None"/> when none was sent.</param>
    public void Request(long utcTicks, in FaultDecision decision, CommandKind command, ReadOnlySpan<byte> key, TraceFault fault, TraceReply reply)
    {
        _batch ??= _trace.RentBatch();
        ref TraceRecord record = ref _batch.Add(TraceRecordKind.Request);
        record.UtcTicks = utcTicks;
        record.RequestNumber = decision.RequestNumber;
        record.Total = decision.Total;
        record.ConnectionId = ConnectionId;
        record.Command = command;
        record.Fault = fault;
        record.Reply = reply;
        record.Spec = decision.SpecInForce;
        record.Mode = decision.ModeInForce;
        record.Key.Set(key);
        if (record.Key.IsPooled)
        {
            _batch.NotePooledKey();
        }
    }

    /// <summary>Hands the records added since the last call to the writer (nothing to do when there are none).</summary>
    public void Submit()
    {
        if (_batch is { Count: > 0 } batch)
        {
            _batch = null;
            _trace.Submit(batch);
        }
    }
}
