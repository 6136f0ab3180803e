using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KeyValue.Server.Testing;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>The real key-value server, in process, on 127.0.0.1 and a free port.</summary>
internal static class TestServer
{
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(10);

    public static Task<KeyValueServerHandle> StartAsync() =>
        KeyValueServerApp.StartAsync(
            ["--host", "127.0.0.1", "--port", "0", "--log-level", "warning"],
            consoleInput: null,
            consoleOutput: null,
            timeProvider: null,
            logOutput: null,
            cancellationToken: CancellationToken.None).WaitAsync(StartLimit);

    public static string Port(this KeyValueServerHandle server) => server.EndPoint.Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>Types a console command and checks the server took it.</summary>
    public static void Type(this KeyValueServerHandle server, string command)
    {
        var answer = server.ExecuteConsoleCommand(command);
        Assert.StartsWith("ok", answer, StringComparison.Ordinal);
    }

    /// <summary>A port with nothing listening: bound to port 0 to learn a free one, then closed.</summary>
    public static string UnusedPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
    }
}
