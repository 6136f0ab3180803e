using System.Threading.Channels;
using KeyValue.Faults;
using KeyValue.Server.Logging;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Trace;

/// <summary>
/// The queue between the request path and the trace file: connections (through their <see cref="ConnectionTrace"/>)
/// queue chunks of request lines, the fault injector queues its changes, and <see cref="TraceFileWriter"/> writes them in
/// that order on its own loop.
/// </summary>
/// <remarks>
/// Back-pressure: at most <see cref="Capacity"/> request lines wait for the writer. A chunk that would go beyond it is
/// dropped rather than block a request or grow memory without bound; drops are counted, logged once as a warning, and
/// written into the trace (a <c>dropped</c> line where they were noticed, and the <c>end</c> line's total). Spec lines are
/// never dropped: there are few of them, and without them the requests around them cannot be read.
/// </remarks>
internal sealed class ServerTrace
{
    private readonly Channel<TraceItem> _channel = Channel.CreateUnbounded<TraceItem>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly TraceChunkPool _chunks;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private long _pending;
    private long _dropped;
    private int _dropWarned;

    public ServerTrace(string path, TimeProvider clock, int capacity, ILogger<ServerTrace> logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Path = path;
        _clock = clock;
        Capacity = capacity;
        _logger = logger;

        // Enough for a full queue of typical lines (about 200 bytes each).
        _chunks = new TraceChunkPool(maxPooled: Math.Max(64, capacity / (TraceChunkPool.ChunkBytes / 200)));
    }

    /// <summary>The trace file.</summary>
    public string Path { get; }

    /// <summary>The most request lines waiting for the writer; a chunk beyond it is dropped.</summary>
    public int Capacity { get; }

    /// <summary>Request lines dropped so far because <see cref="Capacity"/> were waiting (or the trace had ended).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Where the writer reads, in the order things were queued.</summary>
    public ChannelReader<TraceItem> Reader => _channel.Reader;

    /// <summary>Now, in UTC ticks, by the server's clock.</summary>
    public long Now() => _clock.GetUtcNow().UtcTicks;

    /// <summary>A buffer for a connection's lines (pooled: steady tracing allocates nothing).</summary>
    public byte[] RentChunk(int minimumLength) => _chunks.Rent(minimumLength);

    /// <summary>Gives a chunk back once written (or dropped).</summary>
    public void ReturnChunk(byte[] chunk) => _chunks.Return(chunk);

    /// <summary>Queues a chunk of request lines; never blocks: drops (and counts) it when the writer is too far behind.</summary>
    /// <param name="chunk">The lines; owned by the trace from here on.</param>
    /// <param name="length">Bytes in use.</param>
    /// <param name="lines">Request lines in it.</param>
    public void Submit(byte[] chunk, int length, int lines)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (Interlocked.Add(ref _pending, lines) > Capacity || !_channel.Writer.TryWrite(new TraceItem(chunk, length, lines, null)))
        {
            // Too far behind, or the trace has ended (the server is stopping and a cut connection still finished a request).
            Interlocked.Add(ref _pending, -lines);
            ReturnChunk(chunk);
            Interlocked.Add(ref _dropped, lines);
            if (Interlocked.Exchange(ref _dropWarned, 1) == 0)
            {
                ServerLog.TraceDropping(_logger, Path, Capacity);
            }
        }
    }

    /// <summary>Queues a spec line: the state at start or a change (the handler given to <see cref="FaultInjector.Observe"/>).</summary>
    public void OnFaultChange(object? sender, FaultChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        _channel.Writer.TryWrite(new TraceItem(null, 0, 0, change));
    }

    /// <summary>The writer has taken <paramref name="requestLines"/> request lines: room for as many more.</summary>
    public void OnDrained(int requestLines) => Interlocked.Add(ref _pending, -requestLines);

    /// <summary>No more lines: the writer writes what is queued, then the end line.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
