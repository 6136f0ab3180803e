using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CircuitBreaker.Redis.Tests;

/// <summary>A real redis-server of the test's own, on a free port of 127.0.0.1, with persistence off; killed at the
/// end. Missing redis-server fails the test with how to install it.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(10);
    private Process? _process;

    private RedisServer(string binary, int port)
    {
        Binary = binary;
        Port = port;
    }

    public string Binary { get; }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartAsync()
    {
        var binary = Find() ?? throw new InvalidOperationException(
            "redis-server is not installed; the shared-state tests need a real one. Install the Debian package: apt-get install -y redis-server");
        var server = new RedisServer(binary, FreePort());
        await server.RestartAsync();
        return server;
    }

    /// <summary>Kills the server at once (no shutdown): what a crash looks like to its clients.</summary>
    public void Kill()
    {
        if (_process is { } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
            _process = null;
        }
    }

    /// <summary>Stops the process (SIGSTOP): its sockets stay open and nothing is answered.</summary>
    public void Suspend() => Signal("STOP");

    /// <summary>Lets a suspended process go on (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    /// <summary>Starts the server (again) on the same port, empty, and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Kill();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += static (_, _) => { };
        _process.ErrorDataReceived += static (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < StartDeadline && !_process.HasExited)
            {
                await Task.Delay(20);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private void Signal(string signal)
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        using var kill = Process.Start("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Append("/usr/bin").Append("/usr/sbin"))
        {
            var candidate = Path.Combine(directory, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
