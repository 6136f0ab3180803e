using System.Net;
using System.Net.Sockets;
using KeyValue.Server.Connections;
using KeyValue.Server.Logging;
using KeyValue.Server.Options;
using KeyValue.Server.Requests;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KeyValue.Server.Hosting;

/// <summary>
/// Binds the listening socket, accepts connections and runs each on its own task. On stop it stops
/// accepting, lets open connections finish within the shutdown timeout, then aborts the rest.
/// </summary>
internal sealed class ListenerService : BackgroundService
{
    private const int Backlog = 512;

    private readonly ServerOptions _options;
    private readonly ConnectionRegistry _registry;
    private readonly RequestHandler _handler;
    private readonly ServerEndpoint _endpoint;
    private readonly TimeProvider _timeProvider;
    private readonly ConnectionSettings _connectionSettings;
    private readonly ILogger<ListenerService> _logger;
    private readonly ILogger _lifecycleLogger;
    private readonly ILogger<ServerConnection> _connectionLogger;
    private readonly ServerTrace? _trace;
    private Socket? _listener;
    private long _lastConnectionId;

    public ListenerService(
        IOptions<ServerOptions> options,
        ConnectionRegistry registry,
        RequestHandler handler,
        ServerEndpoint endpoint,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        ILogger<ListenerService> logger,
        ILogger<ServerConnection> connectionLogger,
        ServerTrace? trace = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _registry = registry;
        _handler = handler;
        _endpoint = endpoint;
        _timeProvider = timeProvider;
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _logger = logger;
        _lifecycleLogger = loggerFactory.CreateLogger(ServerLog.LifecycleCategory);
        _connectionLogger = connectionLogger;
        _trace = trace;
        _connectionSettings = new ConnectionSettings(_options.MaxLineBytes, _options.IdleTimeout, timeProvider);
    }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Bound before start-up completes, so the port is known as soon as the host has started.
        try
        {
            _listener = Bind();
        }
        catch (Exception exception)
        {
            _endpoint.SetFailed(exception);
            throw;
        }

        var bound = (IPEndPoint)_listener.LocalEndPoint!;
        _endpoint.SetBound(bound);
        string host = bound.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{bound.Address}]" : bound.Address.ToString();
        ServerLog.Listening(_lifecycleLogger, host, bound.Port);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Cancelling the accept loop first (base.StopAsync) stops accepting; closing the socket then frees the port.
        await base.StopAsync(cancellationToken);
        _listener?.Dispose();
        ServerLog.StoppingAccepting(_lifecycleLogger, _registry.OpenCount);
        int aborted = await _registry.StopAllAsync(cancellationToken);
        if (aborted > 0)
        {
            ServerLog.AbortedConnections(_logger, aborted);
        }

        ServerLog.Stopped(_lifecycleLogger);
    }

    public override void Dispose()
    {
        _listener?.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Socket listener = _listener ?? throw new InvalidOperationException("The listener is not bound.");
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                // Out of file descriptors and the like: keep listening, but do not spin.
                ServerLog.AcceptFailed(_logger, exception);
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _timeProvider, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            long id = ++_lastConnectionId;
            if (_registry.TryReserve(_options.MaxConnections))
            {
                _ = ServeAsync(client, id);
            }
            else
            {
                ServerLog.ConnectionRefusedBusy(_logger, id, _registry.OpenCount);
                _ = BusyRefusal.RefuseAsync(client, _timeProvider);
            }
        }
    }

    private Socket Bind()
    {
        if (!ListenAddress.TryParse(_options.Host, out IPAddress? address))
        {
            throw new InvalidOperationException($"--host must be an IP address or 'localhost', not '{_options.Host}'.");
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(address, _options.Port));
            socket.Listen(Backlog);
            return socket;
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw new ListenFailedException($"cannot listen on {_options.Host}:{_options.Port}: {exception.Message}", exception);
        }
    }

    private async Task ServeAsync(Socket client, long id)
    {
        string? closedBecause = null;
        try
        {
            // Leave the accept loop at once; the connection runs on the thread pool.
            await Task.Yield();
            client.NoDelay = true;
            using var connection = new ServerConnection(id, new SocketTransport(client, _timeProvider), _handler, _connectionSettings, _connectionLogger, _trace);
            _registry.Add(connection);
            closedBecause = await connection.RunAsync();
        }
#pragma warning disable CA1031 // Whatever goes wrong with one connection must not reach the host.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ServerLog.ConnectionFailed(_logger, id, exception);
            client.Dispose();
        }
        finally
        {
            _registry.Release(id);
        }

        // Logged once its place is free: whoever reads "closed" may count on a new connection being served.
        if (closedBecause is not null)
        {
            ServerLog.ConnectionClosed(_connectionLogger, id, closedBecause);
        }
    }
}
