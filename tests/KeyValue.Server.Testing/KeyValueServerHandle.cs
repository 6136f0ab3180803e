using System.Net;
using KeyValue.Server.Connections;
using KeyValue.Server.Hosting;
using KeyValue.Server.OperatorConsole;
using KeyValue.Server.Trace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KeyValue.Server.Testing;

/// <summary>A server running inside the test process: its address, its console, and a way to stop it.</summary>
public sealed class KeyValueServerHandle : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly ConsoleCommandProcessor _console;
    private readonly ConnectionRegistry _connections;
    private int _stopped;

    private KeyValueServerHandle(IHost host, IPEndPoint endPoint)
    {
        _host = host;
        EndPoint = endPoint;
        _console = host.Services.GetRequiredService<ConsoleCommandProcessor>();
        _connections = host.Services.GetRequiredService<ConnectionRegistry>();
    }

    /// <summary>The bound address, with the real port.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Connections open right now (the STATUS counter).</summary>
    public int OpenConnections => _connections.OpenCount;

    /// <summary>
    /// Completes once the <c>--trace</c> file holds at least <paramref name="lines"/> lines (or the trace has ended), so a
    /// test can read the file while the server runs without polling it.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server was started without <c>--trace</c>.</exception>
    public Task WhenTraceWrittenAsync(long lines)
    {
        TraceService trace = _host.Services.GetServices<IHostedService>().OfType<TraceService>().SingleOrDefault()
            ?? throw new InvalidOperationException("The server was started without --trace.");
        return trace.Writer.WhenWrittenAsync(lines);
    }

    /// <summary>Runs one console command, as if typed on the server's stdin, and returns its answer.</summary>
    public string ExecuteConsoleCommand(string line)
    {
        using var answer = new StringWriter();
        _console.Execute(line, answer);
        return answer.ToString().TrimEnd();
    }

    /// <summary>Stops gracefully: no new connections, in-flight requests finish within the shutdown timeout.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }

    internal static async Task<KeyValueServerHandle> StartAsync(
        Options.ServerOptions options,
        ServerHostEnvironment environment,
        CancellationToken cancellationToken)
    {
        IHost host = ServerHost.Build(options, environment);
        try
        {
            await host.StartAsync(cancellationToken);
            IPEndPoint endPoint = await host.Services.GetRequiredService<ServerEndpoint>().Bound;
            return new KeyValueServerHandle(host, endPoint);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
