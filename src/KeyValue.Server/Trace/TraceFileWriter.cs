using System.Buffers;
using System.Threading.Channels;
using KeyValue.Server.Logging;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Trace;

/// <summary>
/// The consumer side of <c>--trace</c>: one loop takes the queued records, formats them into a reused buffer and writes
/// them to the file. It writes whenever 64 KiB are formatted and whenever the queue is empty, then waits
/// <see cref="FlushInterval"/> before looking again, so that under load the request path never has to wake it and the
/// file gets one write per interval; an idle writer is woken by the first record. On <see cref="Stop"/> it writes what is
/// still queued and an <c>end</c> line.
/// </summary>
internal sealed class TraceFileWriter : IDisposable
{
    private const int WriteThresholdBytes = 64 * 1024;

    private readonly ServerTrace _trace;
    private readonly Stream _file;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly ArrayBufferWriter<byte> _buffer = new(2 * WriteThresholdBytes);
    private readonly TraceJson _json;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _waitersLock = new();
    private readonly List<(long Lines, TaskCompletionSource Done)> _waiters = [];
    private long _requests;
    private long _dropsWritten;
    private long _linesWritten;
    private bool _finished;
    private bool _failed;

    public TraceFileWriter(ServerTrace trace, Stream file, TimeProvider clock, TimeSpan flushInterval, ILogger logger)
    {
        _trace = trace;
        _file = file;
        _clock = clock;
        FlushInterval = flushInterval;
        _logger = logger;
        _json = new TraceJson(_buffer);
    }

    /// <summary>The longest a record waits in the queue while the writer keeps up (plus the time to format the batch).</summary>
    public TimeSpan FlushInterval { get; }

    /// <summary>Request records written to the file.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Runs until <see cref="Stop"/>, then writes the rest and the <c>end</c> line. Never throws: a failing file ends tracing, not the server.</summary>
    public async Task RunAsync()
    {
        ChannelReader<TraceBatch> reader = _trace.Reader;
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
            _json.WriteEnd(_trace.Now(), _json.Requests, _trace.Dropped);
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

    /// <summary>Ends the loop once what is queued now has been written. Records queued after this are dropped.</summary>
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

    private void Drain(ChannelReader<TraceBatch> reader)
    {
        while (reader.TryRead(out TraceBatch? batch))
        {
            if (!_failed)
            {
                foreach (ref readonly TraceRecord record in batch.Records)
                {
                    if (record.Kind == TraceRecordKind.Request)
                    {
                        _json.WriteRequest(record);
                    }
                    else
                    {
                        _json.WriteSpec(record.Change!);
                    }
                }
            }

            _trace.OnDrained(batch.Requests);
            _trace.Return(batch);
            if (_buffer.WrittenCount >= WriteThresholdBytes)
            {
                // Under a steady stream the queue may never be empty: the file must keep growing anyway.
                Write();
            }
        }
    }

    // Drops are reported where they are noticed, so a reader knows the records before this line are incomplete.
    private void WriteDrops()
    {
        long dropped = _trace.Dropped;
        if (dropped > _dropsWritten)
        {
            _json.WriteDropped(_trace.Now(), dropped - _dropsWritten);
            _dropsWritten = dropped;
        }
    }

    private void Write()
    {
        WriteDrops();
        if (_buffer.WrittenCount == 0)
        {
            return;
        }

        if (!_failed)
        {
            try
            {
                _file.Write(_buffer.WrittenSpan);
                _file.Flush();
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or NotSupportedException)
            {
                // Disk full, file gone: the server goes on without its trace rather than fail requests.
                _failed = true;
                ServerLog.TraceWriteFailed(_logger, _trace.Path, exception);
                ReleaseWaiters();
            }
        }

        _buffer.ResetWrittenCount();
        if (_failed)
        {
            return;
        }

        Interlocked.Exchange(ref _requests, _json.Requests);
        long lines = _json.Lines;
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
