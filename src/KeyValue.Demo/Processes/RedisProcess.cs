using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KeyValue.Demo.Output;
using KeyValue.Demo.Scenarios;

namespace KeyValue.Demo.Processes;

/// <summary>
/// A real redis-server for the scenario whose clients share one circuit: on a free loopback port, without persistence,
/// its own log kept but not printed (it would bury the clients' lines).
/// </summary>
internal sealed class RedisProcess : IAsyncDisposable
{
    /// <summary>How to get redis-server where it is missing: the scenario that needs it says so and is skipped.</summary>
    public const string InstallHint = "install it with: sudo apt-get install -y redis-server (Debian/Ubuntu), brew install redis (macOS)";

    private readonly ChildProcess process;

    private RedisProcess(ChildProcess process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The <c>host:port</c> the clients' <c>--shared-state</c> takes.</summary>
    public string Endpoint => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>The redis-server on the PATH, or null.</summary>
    public static string? Locate()
    {
        var name = OperatingSystem.IsWindows() ? "redis-server.exe" : "redis-server";
        return (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>Starts redis-server and waits for its "Ready to accept connections"; null (the failure recorded) when it never says so.</summary>
    public static async Task<RedisProcess?> StartAsync(
        string program, DemoConsole console, ProcessTimeouts timeouts, ScenarioChecks checks, CancellationToken cancellationToken)
    {
        // redis-server has no "pick a free port": one is taken from the system and handed over at once.
        var port = FreePort();
        console.Say(string.Create(CultureInfo.InvariantCulture, $"starting redis-server on 127.0.0.1:{port} (no persistence)"));
        var process = ChildProcess.Start(
            program,
            ["--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--save", string.Empty, "--appendonly", "no"],
            "[redis]",
            console,
            withInput: false,
            new Dictionary<string, string?>(),
            echo: false);
        var ready = await process.Lines.WaitForAsync(
            0, line => line.Contains("Ready to accept connections", StringComparison.Ordinal), timeouts.Start, cancellationToken);
        if (ready is null)
        {
            checks.Fail(process.HasExited
                ? $"redis-server exited before it was ready{(process.Lines.Count > 0 ? ": " + process.Lines[process.Lines.Count - 1] : string.Empty)}"
                : string.Create(CultureInfo.InvariantCulture, $"redis-server was not ready within {timeouts.Start.TotalSeconds:0.###} s"));
            await process.StopAsync(Signals.Terminate, timeouts.Stop);
            await process.DisposeAsync();
            return null;
        }

        return new RedisProcess(process, port);
    }

    public async ValueTask DisposeAsync()
    {
        await process.StopAsync(Signals.Terminate, TimeSpan.FromSeconds(ProcessTimeouts.DefaultStopSeconds));
        await process.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
