using KeyValue.Server.Logging;
using KeyValue.Server.Requests;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Connections;

/// <summary>
/// One client connection's life: runs its <see cref="RequestLoop"/>, closes it the way the loop's exit asks, and can
/// be stopped gracefully or cut at once (by shutdown, or by its idle timeout). It never throws: whatever happens closes
/// only this connection.
/// </summary>
internal sealed class ServerConnection : IDisposable
{
    private static readonly TimeSpan DrainBound = TimeSpan.FromSeconds(2);

    private readonly IConnectionTransport _transport;
    private readonly RequestLoop _loop;
    private readonly IdleWatch _idle;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly ILogger _logger;
    private readonly Lock _lifetimeLock = new();
    private bool _disposed;

    /// <param name="id">The connection's number in the log and the trace.</param>
    /// <param name="transport">The link; owned (and closed) by the connection.</param>
    /// <param name="handler">Handles each request.</param>
    /// <param name="settings">Limits and the clock.</param>
    /// <param name="logger">The connection's log.</param>
    /// <param name="trace">With <c>--trace</c>: where the records of its data requests go; null for none.</param>
    public ServerConnection(long id, IConnectionTransport transport, RequestHandler handler, ConnectionSettings settings, ILogger logger, ServerTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(settings);
        Id = id;
        _transport = transport;
        _timeProvider = settings.TimeProvider;
        _logger = logger;
        _idle = new IdleWatch(settings.IdleTimeout, settings.TimeProvider, transport, Cut);
        _loop = new RequestLoop(id, transport, handler, trace is null ? null : new ConnectionTrace(trace, id), _idle, settings, logger);
    }

    public long Id { get; }

    /// <summary>Serves the connection until it closes, and returns why it closed (for the log); never throws.</summary>
    public async Task<string> RunAsync()
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            ServerLog.ConnectionOpened(_logger, Id, _transport.RemoteEndPoint);
        }

        ConnectionExit exit;
        try
        {
            exit = await _loop.RunAsync(_stopping.Token, _abort.Token);
        }
        catch (Exception exception) when (IsDisconnect(exception))
        {
            exit = _idle.HasExpired ? ConnectionExit.IdleTimeout : new(_stopping.IsCancellationRequested ? "server stopped" : "connection lost");
        }
#pragma warning disable CA1031 // One bad connection must never affect the others or the host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ServerLog.ConnectionFailed(_logger, Id, exception);
            exit = new("failed");
        }

        await CloseAsync(exit);
        return exit.Reason;
    }

    /// <summary>Asks the connection to close after the requests it is handling now; their replies still go out.</summary>
    public void RequestStop()
    {
        lock (_lifetimeLock)
        {
            if (!_disposed)
            {
                _stopping.Cancel();
                _transport.Input.CancelPendingRead();
            }
        }
    }

    /// <summary>Cuts the connection at once: pending delays, reads and writes end.</summary>
    public void Abort()
    {
        lock (_lifetimeLock)
        {
            if (!_disposed)
            {
                _stopping.Cancel();
            }
        }

        Cut();
    }

    public void Dispose()
    {
        lock (_lifetimeLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _idle.Dispose();
        _stopping.Dispose();
        _abort.Dispose();
        _transport.Dispose();
    }

    private async ValueTask CloseAsync(ConnectionExit exit)
    {
        try
        {
            await _transport.Output.CompleteAsync();
            if (exit.DrainBeforeClose && !_stopping.IsCancellationRequested)
            {
                using var bound = new CancellationTokenSource(DrainBound, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, _abort.Token);
                await _transport.HalfCloseAndDrainAsync(linked.Token);
            }
        }
        catch (Exception exception) when (IsDisconnect(exception))
        {
            // The peer is gone; there is nobody left to tell.
        }

        await _transport.Input.CompleteAsync();
    }

    // Called from the idle timer and from shutdown, which may race with the connection closing itself. The link is cut
    // as well as the token cancelled: a write blocked on a client that does not read ends only when the socket does.
    private void Cut()
    {
        lock (_lifetimeLock)
        {
            if (!_disposed)
            {
                _abort.Cancel();
                _transport.Abort();
            }
        }
    }

    private static bool IsDisconnect(Exception exception) =>
        exception is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException;
}
