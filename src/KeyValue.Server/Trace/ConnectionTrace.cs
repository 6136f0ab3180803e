using System.Buffers;
using KeyValue.Faults;
using KeyValue.Protocol;

namespace KeyValue.Server.Trace;

/// <summary>
/// One connection's side of the trace: the dispatcher formats a line per data request into the connection's current
/// chunk, and the connection hands the chunk over (<see cref="Submit"/>) once it has handled a read, before it waits for
/// anything. Used by one connection at a time, so it needs no lock.
/// </summary>
/// <remarks>
/// Lines are formatted here, where the request's data is already in cache, rather than copied into a record for the
/// writer to format later: that costs a copy of every record through memory and back, and was slower in all (86 ns per
/// request against 63 ns, TraceBenchmarks, tests/KeyValue.Benchmarks/README.md). The writer only writes; nothing is
/// written to the file or awaited on the request path.
/// </remarks>
internal sealed class ConnectionTrace : IBufferWriter<byte>
{
    private readonly ServerTrace _trace;
    private readonly RequestLineFormatter _formatter;
    private byte[]? _chunk;
    private int _used;
    private int _lines;
    private long _readStartedAt;

    public ConnectionTrace(ServerTrace trace, long connectionId)
    {
        _trace = trace;
        ConnectionId = connectionId;
        _formatter = new RequestLineFormatter(this);
    }

    /// <summary>The connection, as the log numbers it.</summary>
    public long ConnectionId { get; }

    /// <summary>
    /// When the connection began handling its current read, in UTC ticks: the <c>time</c> of the request lines of that read.
    /// Read once per read (<see cref="BeginRead"/>), not per request: pipelined requests arrived together, and a clock read
    /// per request was a measurable part of what tracing costs.
    /// </summary>
    public long Now => _readStartedAt;

    /// <summary>Takes the time for the requests the connection is about to handle (a read, or what follows a delay).</summary>
    public void BeginRead() => _readStartedAt = _trace.Now();

    /// <summary>Adds one data request's line to the chunk.</summary>
    /// <param name="utcTicks">When the request was handled (<see cref="Now"/> before the injector numbered it).</param>
    /// <param name="decision">The injector's decision, with the spec and mode that made it.</param>
    /// <param name="command">GET, SET or DEL.</param>
    /// <param name="key">The key.</param>
    /// <param name="fault">What the injector did to it.</param>
    /// <param name="reply">The reply's first word(s), or <see cref="TraceReply.None"/> when none was sent.</param>
    public void Request(long utcTicks, in FaultDecision decision, CommandKind command, ReadOnlySpan<byte> key, TraceFault fault, TraceReply reply)
    {
        _formatter.Write(utcTicks, decision, ConnectionId, command, key, fault, reply);
        _lines++;
    }

    /// <summary>Hands the lines added since the last call to the writer (nothing to do when there are none).</summary>
    public void Submit()
    {
        if (_chunk is not null && _lines > 0)
        {
            _trace.Submit(_chunk, _used, _lines);
            _chunk = null;
            _used = 0;
            _lines = 0;
        }
    }

    /// <summary>Room for one line in the chunk; a full chunk is handed over first and a new one taken.</summary>
    public Span<byte> GetSpan(int sizeHint = 0) => ChunkWithRoomFor(sizeHint).AsSpan(_used);

    /// <inheritdoc cref="GetSpan"/>
    public Memory<byte> GetMemory(int sizeHint = 0) => ChunkWithRoomFor(sizeHint).AsMemory(_used);

    public void Advance(int count) => _used += count;

    private byte[] ChunkWithRoomFor(int sizeHint)
    {
        if (_chunk is not null && _chunk.Length - _used < sizeHint)
        {
            if (_lines > 0)
            {
                Submit();
            }
            else
            {
                _trace.ReturnChunk(_chunk);
                _chunk = null;
                _used = 0;
            }
        }

        return _chunk ??= _trace.RentChunk(sizeHint);
    }
}
