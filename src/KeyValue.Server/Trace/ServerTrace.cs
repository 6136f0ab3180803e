using System.Collections.Concurrent;
using System.Threading.Channels;
using KeyValue.Faults;
using KeyValue.Server.Logging;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Trace;

/// <summary>
/// The producer side of <c>--trace</c>: connections (through their <see cref="ConnectionTrace"/>) and the fault injector
/// queue batches of records here, and <see cref="TraceFileWriter"/> formats and writes them on its own loop. Nothing is
/// formatted, written or awaited on the request path.
/// </summary>
/// <remarks>
/// Back-pressure: at most <see cref="Capacity"/> request records wait for the writer. A batch that would go beyond it is
/// dropped rather than block a request or grow memory without bound; drops are counted, logged once as a warning, and
/// written into the trace (a <c>dropped</c> line where they were noticed, and the <c>end</c> line's total). Spec records
/// are never dropped: there are few of them, and without them the requests around them cannot be read.
/// </remarks>
internal sealed class ServerTrace
{
    // Enough for every connection's batch in flight plus the writer's; more are simply allocated and left to the GC.
    private const int MaxPooledBatches = 4096;

    private readonly Channel<TraceBatch> _channel = Channel.CreateUnbounded<TraceBatch>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly ConcurrentQueue<TraceBatch> _pool = new();
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private int _pooled;
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
    }

    /// <summary>The trace file.</summary>
    public string Path { get; }

    /// <summary>The most request records waiting for the writer; a batch beyond it is dropped.</summary>
    public int Capacity { get; }

    /// <summary>Request records dropped so far because <see cref="Capacity"/> were waiting (or the trace had ended).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Where the writer reads the batches, in the order they were queued.</summary>
    public ChannelReader<TraceBatch> Reader => _channel.Reader;

    /// <summary>Now, in UTC ticks, by the server's clock.</summary>
    public long Now() => _clock.GetUtcNow().UtcTicks;

    /// <summary>An empty batch: a pooled one when there is one.</summary>
    public TraceBatch RentBatch()
    {
        if (_pool.TryDequeue(out TraceBatch? batch))
        {
            Interlocked.Decrement(ref _pooled);
            return batch;
        }

        return new TraceBatch();
    }

    /// <summary>Empties a batch and keeps it for reuse.</summary>
    public void Return(TraceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Clear();
        if (Interlocked.Increment(ref _pooled) <= MaxPooledBatches)
        {
            _pool.Enqueue(batch);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    /// <summary>Queues a batch of request records; never blocks: drops (and counts) it when the writer is too far behind.</summary>
    public void Submit(TraceBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int requests = batch.Requests;
        if (Interlocked.Add(ref _pending, requests) > Capacity || !_channel.Writer.TryWrite(batch))
        {
            // Too far behind, or the trace has ended (the server is stopping and a cut connection still finished a request).
            Interlocked.Add(ref _pending, -requests);
            Drop(batch);
        }
    }

    /// <summary>Queues a spec record: the state at start or a change (the handler given to <see cref="FaultInjector.Observe"/>).</summary>
    public void OnFaultChange(object? sender, FaultChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        TraceBatch batch = RentBatch();
        ref TraceRecord record = ref batch.Add(TraceRecordKind.Spec);
        record.UtcTicks = change.Time.UtcTicks;
        record.Change = change;
        if (!_channel.Writer.TryWrite(batch))
        {
            Return(batch);
        }
    }

    /// <summary>The writer has formatted <paramref name="requestRecords"/> request records: room for as many more.</summary>
    public void OnDrained(int requestRecords) => Interlocked.Add(ref _pending, -requestRecords);

    /// <summary>No more records: the writer writes what is queued, then the end line.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private void Drop(TraceBatch batch)
    {
        Interlocked.Add(ref _dropped, batch.Requests);
        Return(batch);
        if (Interlocked.Exchange(ref _dropWarned, 1) == 0)
        {
            ServerLog.TraceDropping(_logger, Path, Capacity);
        }
    }
}
