using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using KeyValue.Protocol;
using KeyValue.Server.Dispatch;
using KeyValue.Server.Logging;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Connections;

/// <summary>
/// One client connection: reads request lines from a pipe, hands each to the dispatcher, writes the
/// replies in order and flushes once per read. It never throws: whatever happens closes only this
/// connection.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    // Replies are flushed once per read, or sooner when this much is waiting (many large GETs pipelined).
    private const int FlushThresholdBytes = 64 * 1024;

    // After QUIT or LINE_TOO_LONG the server half-closes and drains what the client still sends, so the
    // close does not turn into a reset that could destroy the last reply before the client reads it.
    private static readonly TimeSpan LingerTimeout = TimeSpan.FromSeconds(2);
    private const long LingerMaxBytes = 1024 * 1024;

    private readonly Socket _socket;
    private readonly SendProgressStream _stream;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly RequestDispatcher _dispatcher;
    private readonly ConnectionTrace? _trace;
    private readonly int _maxLineBytes;
    private readonly TimeSpan _idleTimeout;
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _idleTimer;
    private readonly CancellationTokenSource _abort = new();
    private readonly ILogger _logger;
    private readonly Lock _abortLock = new();
    private volatile bool _stopRequested;
    private volatile bool _idleExpired;
    private volatile bool _flushing;
    private bool _idleArmed;
    private long _armedTimestamp;
    private bool _disposed;
    private bool _hanging;
    private bool _lingerOnClose;

    /// <param name="id">The connection's number in the log and the trace.</param>
    /// <param name="socket">The accepted socket; owned (and closed) by the connection.</param>
    /// <param name="dispatcher">Handles each request.</param>
    /// <param name="settings">Limits and the clock.</param>
    /// <param name="logger">The connection's log.</param>
    /// <param name="trace">With <c>--trace</c>: where the records of its data requests go; null for none.</param>
    public ServerConnection(long id, Socket socket, RequestDispatcher dispatcher, ConnectionSettings settings, ILogger logger, ServerTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(settings);
        Id = id;
        _socket = socket;
        _dispatcher = dispatcher;
        _trace = trace is null ? null : new ConnectionTrace(trace, id);
        _maxLineBytes = settings.MaxLineBytes;
        _idleTimeout = settings.IdleTimeout;
        _timeProvider = settings.TimeProvider;
        _logger = logger;

        _stream = new SendProgressStream(new NetworkStream(socket, ownsSocket: true), _timeProvider);
        _reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        _writer = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
        _idleTimer = _timeProvider.CreateTimer(
            static state => ((ServerConnection)state!).OnIdleTimeout(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public long Id { get; }

    /// <summary>Serves the connection until it closes; never throws.</summary>
    public async Task RunAsync()
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            System.Net.EndPoint? remote = SafeRemoteEndPoint();
            ServerLog.ConnectionOpened(_logger, Id, remote);
        }

        string reason;
        try
        {
            reason = await ServeAsync();
        }
        catch (Exception exception) when (IsDisconnect(exception))
        {
            reason = _stopRequested ? "server stopped" : _idleExpired ? "idle timeout" : "connection lost";
        }
#pragma warning disable CA1031 // One bad connection must never affect the others or the host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ServerLog.ConnectionFailed(_logger, Id, exception);
            reason = "failed";
        }
        finally
        {
            await CompleteQuietlyAsync();
        }

        ServerLog.ConnectionClosed(_logger, Id, reason);
    }

    /// <summary>Asks the connection to close after the requests it is handling now; the replies still go out.</summary>
    public void RequestStop()
    {
        _stopRequested = true;
        CancelPendingRead();
    }

    /// <summary>Cuts the connection at once: pending delays, reads and writes are cancelled.</summary>
    public void Abort()
    {
        lock (_abortLock)
        {
            if (!_disposed)
            {
                _stopRequested = true;
                _abort.Cancel();
            }
        }
    }

    public void Dispose()
    {
        lock (_abortLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _idleTimer.Dispose();
        _abort.Dispose();
        _stream.Dispose();
    }

    private async Task<string> ServeAsync()
    {
        ArmIdleTimer();
        while (true)
        {
            if (_stopRequested)
            {
                return "server stopping";
            }

            ReadResult result = await _reader.ReadAsync(_abort.Token);
            DisarmIdleTimer();
            if (result.IsCanceled)
            {
                return _stopRequested ? "server stopping" : _idleExpired ? "idle timeout" : "cancelled";
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            var consumed = buffer.Start;
            string? closeReason;
            try
            {
                (consumed, closeReason) = _hanging ? (buffer.End, null) : await HandleBufferAsync(buffer);

                // Idle from here on. Armed before the replies leave, so whoever waits for a reply and then
                // advances a fake clock is sure to find the timer running.
                ArmIdleTimer();
                await FlushIfNeededAsync();
            }
            finally
            {
                _reader.AdvanceTo(consumed, buffer.End);
            }

            if (closeReason is not null)
            {
                return closeReason;
            }

            if (result.IsCompleted)
            {
                return "closed by client";
            }
        }
    }

    // Dispatches every complete line of one read. Returns how far the buffer was consumed and, when the
    // connection must close, why. Replies are left unflushed unless a delay or a close needs them out first.
    private async ValueTask<(SequencePosition Consumed, string? CloseReason)> HandleBufferAsync(ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            LineBatchEnd end = HandleLines(ref buffer, out DispatchResult last, out ParsedRequest delayed);

            // The records of what was just handled go to the trace writer now, before anything is awaited.
            _trace?.Submit();
            switch (end)
            {
                case LineBatchEnd.NeedMoreData:
                    return (buffer.Start, null);

                case LineBatchEnd.FlushThenContinue:
                    await FlushWatchedAsync();
                    break;

                case LineBatchEnd.Delay:
                    try
                    {
                        // Earlier replies go out now; this one follows after the delay, in order.
                        await FlushWatchedAsync();
                        await Task.Delay(last.Delay, _timeProvider, _abort.Token);
                    }
                    catch (Exception exception) when (IsDisconnect(exception))
                    {
                        // The delayed request will never be answered: its trace record says so rather than go missing.
                        RequestDispatcher.AbandonDelayed(delayed, last.Delayed, _trace);
                        _trace?.Submit();
                        throw;
                    }

                    // The request is still in the unconsumed buffer (nothing is advanced before this read is done).
                    _dispatcher.ExecuteDelayed(delayed, _writer, Id, last.Delayed, _trace);
                    break;

                case LineBatchEnd.Hang:
                    await FlushWatchedAsync();
                    _hanging = true;
                    return (buffer.End, null);

                case LineBatchEnd.Drop:
                    await FlushWatchedAsync();
                    return (buffer.Start, "dropped by fault injection");

                case LineBatchEnd.Quit:
                    _lingerOnClose = true;
                    return (buffer.Start, "quit");

                default:
                    _lingerOnClose = true;
                    return (buffer.Start, "line too long");
            }
        }
    }

    private LineBatchEnd HandleLines(ref ReadOnlySequence<byte> buffer, out DispatchResult last, out ParsedRequest delayed)
    {
        last = DispatchResult.Continue;
        delayed = default;
        while (true)
        {
            if (_writer.UnflushedBytes >= FlushThresholdBytes)
            {
                return LineBatchEnd.FlushThenContinue;
            }

            RequestParseStatus status = RequestParser.TryParse(ref buffer, _maxLineBytes, out ParsedRequest request);
            switch (status)
            {
                case RequestParseStatus.NeedMoreData:
                    return LineBatchEnd.NeedMoreData;
                case RequestParseStatus.BlankLine:
                    continue;
                case RequestParseStatus.LineTooLong:
                    _dispatcher.Dispatch(status, request, _writer, Id, trace: _trace);
                    return LineBatchEnd.LineTooLong;
            }

            last = _dispatcher.Dispatch(status, request, _writer, Id, _trace);
            switch (last.Action)
            {
                case DispatchAction.Continue:
                    continue;
                case DispatchAction.CloseAfterReply:
                    return LineBatchEnd.Quit;
                case DispatchAction.CloseWithoutReply:
                    return LineBatchEnd.Drop;
                case DispatchAction.Hang:
                    return LineBatchEnd.Hang;
                default:
                    delayed = request;
                    return LineBatchEnd.Delay;
            }
        }
    }

    // A flush in the middle of a read (a delay, a hang, many large replies) is watched by the idle timer like the
    // last one: a client that stops reading must not hold the connection past the timeout.
    private async ValueTask FlushWatchedAsync()
    {
        if (_writer.UnflushedBytes > 0)
        {
            ArmIdleTimer();
            try
            {
                await FlushIfNeededAsync();
            }
            finally
            {
                DisarmIdleTimer();
            }
        }
    }

    private async ValueTask FlushIfNeededAsync()
    {
        if (_writer.UnflushedBytes > 0)
        {
            _flushing = true;
            try
            {
                await _writer.FlushAsync(_abort.Token);
            }
            finally
            {
                _flushing = false;
            }
        }
    }

    // A connection hung by fault mode HANG stays open until the client closes it or the server stops (the
    // contract), so the idle timeout no longer applies to it.
    // The timer's state is changed under the lock: the timer's own thread re-arms it when a flush made progress,
    // and must not re-arm one the connection has just disarmed.
    private void ArmIdleTimer()
    {
        if (!_hanging)
        {
            lock (_abortLock)
            {
                if (!_disposed)
                {
                    _idleArmed = true;
                    _armedTimestamp = _timeProvider.GetTimestamp();
                    _idleTimer.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }

    private void DisarmIdleTimer()
    {
        lock (_abortLock)
        {
            if (!_disposed)
            {
                _idleArmed = false;
                _idleTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    // Idle means the client neither sent nor accepted a byte for the timeout. While the connection waits for a
    // request, the pending read is cancelled and the connection closes with every reply delivered. While a
    // flush is blocked on a client that stopped reading, the socket is cut at once: waiting for the next read
    // would hold the connection (and its slot) for as long as the client pleases.
    private void OnIdleTimeout()
    {
        lock (_abortLock)
        {
            if (_disposed || !_idleArmed)
            {
                return;
            }

            // Idle since the timer was armed or since the client last accepted bytes, whichever came later.
            TimeSpan idle = _timeProvider.GetElapsedTime(Math.Max(_armedTimestamp, _stream.LastSendTimestamp));
            if (idle < _idleTimeout)
            {
                _idleTimer.Change(_idleTimeout - idle, Timeout.InfiniteTimeSpan);
                return;
            }

            _idleArmed = false;
            _idleExpired = true;
            if (_flushing)
            {
                CutSocket();
                return;
            }
        }

        CancelPendingRead();
    }

    // Called under the lock. Cancelling ends a write pending on the socket; the reset frees the client's side
    // and never lets it read on into a batch whose replies it will not all get.
    private void CutSocket()
    {
        _abort.Cancel();
        try
        {
            _socket.LingerState = new LingerOption(true, 0);
            _socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // Already closed: nothing left to cut.
        }
    }

    // Called from timer and shutdown threads, which may race with the connection closing itself.
    private void CancelPendingRead()
    {
        lock (_abortLock)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                _reader.CancelPendingRead();
            }
            catch (Exception exception) when (exception is ObjectDisposedException or InvalidOperationException)
            {
                // The reader is already complete: there is no read left to cancel.
            }
        }
    }

    private async ValueTask CompleteQuietlyAsync()
    {
        DisarmIdleTimer();
        try
        {
            await _writer.CompleteAsync();
            if (_lingerOnClose && !_stopRequested)
            {
                await LingerAsync();
            }
        }
        catch (Exception exception) when (IsDisconnect(exception))
        {
            // The peer is gone; there is nobody left to tell.
        }

        await _reader.CompleteAsync();
    }

    private async ValueTask LingerAsync()
    {
        _socket.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(LingerTimeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _abort.Token);
        long discarded = 0;
        while (discarded < LingerMaxBytes)
        {
            ReadResult result = await _reader.ReadAsync(linked.Token);
            discarded += result.Buffer.Length;
            _reader.AdvanceTo(result.Buffer.End);
            if (result.IsCompleted || result.IsCanceled)
            {
                return;
            }
        }
    }

    private System.Net.EndPoint? SafeRemoteEndPoint()
    {
        try
        {
            return _socket.RemoteEndPoint;
        }
        catch (Exception exception) when (IsDisconnect(exception))
        {
            return null;
        }
    }

    private static bool IsDisconnect(Exception exception) =>
        exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException;

    private enum LineBatchEnd
    {
        NeedMoreData,
        FlushThenContinue,
        Delay,
        Hang,
        Drop,
        Quit,
        LineTooLong,
    }
}
