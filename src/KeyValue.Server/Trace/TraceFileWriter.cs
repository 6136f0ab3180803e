using System.Buffers;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using KeyValue.Server.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace KeyValue.Server.Trace;

/// <summary>
/// The consumer side of <c>--trace</c>: one loop takes the queued chunks of request lines (and formats the spec lines)
/// and writes them to the file whenever 64 KiB are gathered and whenever the queue is empty. Then it waits
/// <see cref="FlushInterval"/> before looking again, so that under load the request path never has to wake it and the
/// file gets one write per interval; an idle writer is woken by the first line. On <see cref="Stop"/> it writes what is
/// still queued and an <c>end</c> line.
/// </summary>
/// <remarks>
/// A file is written with one gathering write straight from the chunks (<c>pwritev</c>): copying every line once more
/// into a buffer of the writer's own cost a measurable share of what tracing costs, in CPU and in cache.
/// </remarks>
internal sealed class TraceFileWriter : IDisposable
{
    private const int WriteThresholdBytes = 64 * 1024;

    private readonly ServerTrace _trace;
    private readonly Stream _file;
    private readonly SafeFileHandle? _handle;
    private readonly TracePageCache _pageCache;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    // The writer's own lines (spec, dropped, end) go here; the request lines stay in their chunks.
    private readonly ArrayBufferWriter<byte> _ownLines = new(4096);
    private readonly TraceJson _json;
    private readonly List<ReadOnlyMemory<byte>> _segments = [];
    private readonly List<byte[]> _chunks = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(long Lines, TaskCompletionSource Done)> _waiters = [];
    private long _offset;
    private int _ownLinesTaken;
    private int _gatheredBytes;
    private long _requestLines;
    private long _requests;
    private long _dropsWritten;
    private long _linesWritten;
    private bool _finished;
    private bool _failed;

    public TraceFileWriter(ServerTrace trace, Stream file, TimeProvider clock, TimeSpan flushInterval, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(file);
        _trace = trace;
        _file = file;
        _handle = file is FileStream { CanSeek: true } fileStream ? fileStream.SafeFileHandle : null;
        _offset = _handle is null ? 0 : file.Position;
        _pageCache = TracePageCache.For(file);
        _clock = clock;
        FlushInterval = flushInterval;
        _logger = logger;
        _json = new TraceJson(_ownLines);
    }

    /// <summary>The longest a line waits in the queue while the writer keeps up (plus the time to write the batch).</summary>
    public TimeSpan FlushInterval { get; }

    /// <summary>Request lines written to the file.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Runs until <see cref="Stop"/>, then writes the rest and the <c>end</c> line. Never throws: a failing file ends tracing, not the server.</summary>
    public async Task RunAsync()
    {
        ChannelReader<TraceItem> reader = _trace.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                Drain(reader);
                Write();
                try
                {
                    await Task.Delay(FlushInterval, _clock, _stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: drain what is left at once.
                }
            }

            WriteDrops();
            _json.WriteEnd(_trace.Now(), _requestLines, _trace.Dropped);
            TakeOwnLines();
            Write();
        }
#pragma warning disable CA1031 // Whatever breaks the trace must not reach the host: the server goes on without it.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _failed = true;
            ServerLog.TraceWriteFailed(_logger, _trace.Path, exception);
        }
        finally
        {
            ReleaseWaiters();
        }
    }

    /// <summary>Ends the loop once what is queued now has been written. Lines queued after this are dropped.</summary>
    public void Stop()
    {
        _trace.Complete();
        _stopping.Cancel();
    }

    /// <summary>
    /// Completes once at least <paramref name="lines"/> lines are in the file, or no more will be (the writer has finished
    /// or the file failed): a signal for tests, not a poll.
    /// </summary>
    public Task WhenWrittenAsync(long lines)
    {
        lock (_waitersLock)
        {
            if (_finished || Interlocked.Read(ref _linesWritten) >= lines)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((lines, done));
            return done.Task;
        }
    }

    public void Dispose()
    {
        _stopping.Dispose();
        _json.Dispose();
    }

    private void ReleaseWaiters()
    {
        lock (_waitersLock)
        {
            _finished = true;
            _waiters.ForEach(waiter => waiter.Done.TrySetResult());
            _waiters.Clear();
        }
    }

    // Called a few hundred times a second, each call a long loop: compiled fully optimized at once rather than left to
    // tiered compilation, which would run it instrumented for a long while.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Drain(ChannelReader<TraceItem> reader)
    {
        while (reader.TryRead(out TraceItem item))
        {
            if (item.Change is { } change)
            {
                if (!_failed)
                {
                    _json.WriteSpec(change);
                    TakeOwnLines();
                }
            }
            else
            {
                _trace.OnDrained(item.Requests);
                if (_failed)
                {
                    _trace.ReturnChunk(item.Lines!);
                }
                else
                {
                    _segments.Add(item.Lines.AsMemory(0, item.Length));
                    _chunks.Add(item.Lines!);
                    _gatheredBytes += item.Length;
                    _requestLines += item.Requests;
                }
            }

            if (_gatheredBytes >= WriteThresholdBytes)
            {
                // Under a steady stream the queue may never be empty: the file must keep growing anyway.
                Write();
            }
        }
    }

    // The lines the writer formatted since the last call join the gathered segments, in order.
    private void TakeOwnLines()
    {
        ReadOnlyMemory<byte> written = _ownLines.WrittenMemory;
        if (written.Length > _ownLinesTaken)
        {
            _segments.Add(written[_ownLinesTaken..]);
            _gatheredBytes += written.Length - _ownLinesTaken;
            _ownLinesTaken = written.Length;
        }
    }

    // Drops are reported where they are noticed, so a reader knows the lines before this one are incomplete.
    private void WriteDrops()
    {
        long dropped = _trace.Dropped;
        if (dropped > _dropsWritten && !_failed)
        {
            _json.WriteDropped(_trace.Now(), dropped - _dropsWritten);
            TakeOwnLines();
            _dropsWritten = dropped;
        }
    }

    private void WriteSegments()
    {
        try
        {
            if (_handle is not null)
            {
                RandomAccess.Write(_handle, _segments, _offset);
            }
            else
            {
                foreach (ReadOnlyMemory<byte> segment in _segments)
                {
                    _file.Write(segment.Span);
                }

                _file.Flush();
            }

            _offset += _gatheredBytes;
            _pageCache.Wrote(_gatheredBytes);
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException or UnauthorizedAccessException)
        {
            // Disk full, file gone: the server goes on without its trace rather than fail requests.
            _failed = true;
            ServerLog.TraceWriteFailed(_logger, _trace.Path, exception);
            ReleaseWaiters();
        }
    }

    private void Write()
    {
        WriteDrops();
        if (_segments.Count == 0)
        {
            return;
        }

        if (!_failed)
        {
            WriteSegments();
        }

        // The chunks go back only now: the write read straight from them.
        _chunks.ForEach(_trace.ReturnChunk);
        _chunks.Clear();
        _segments.Clear();
        _ownLines.ResetWrittenCount();
        _ownLinesTaken = 0;
        _gatheredBytes = 0;
        if (_failed)
        {
            return;
        }

        Interlocked.Exchange(ref _requests, _requestLines);
        long lines = _json.Lines + _requestLines;
        Interlocked.Exchange(ref _linesWritten, lines);
        lock (_waitersLock)
        {
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Lines <= lines)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
