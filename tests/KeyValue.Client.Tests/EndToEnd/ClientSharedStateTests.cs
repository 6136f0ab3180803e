using System.Net;
using System.Net.Sockets;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>
/// <c>--shared-state</c> where the redis-server cannot be reached: Redis is never on the call path, so the client says
/// so and runs as it would alone. (Three clients sharing one circuit through a real redis-server are the demo's
/// <c>shared-circuit</c> scenario, run by DemoScriptTests.)
/// </summary>
public class ClientSharedStateTests
{
    [Fact]
    public async Task Run_SharedStateUnreachable_WarnsOnceAndEveryCallStillReachesTheServer()
    {
        await using var server = await TestServer.StartAsync();
        var nothingListens = ClosedPort();

        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--number-requests", "4", "--name", "orders", "--shared-state", $"127.0.0.1:{nothingListens}"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"warning: redis-server at 127.0.0.1:{nothingListens} not reachable within 2 s", run.Error, StringComparison.Ordinal);
        Assert.Contains("circuit 'orders' shared through redis", run.Output, StringComparison.Ordinal);
        Assert.Equal(["ok", "ok", "ok", "ok"], run.Requests.Select(r => r.Outcome));
    }

    /// <summary>A loopback port nothing listens on: taken from the system, then let go.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
