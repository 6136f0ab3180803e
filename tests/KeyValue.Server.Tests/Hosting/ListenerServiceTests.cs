using System.Net.Sockets;
using KeyValue.Server.Tests.Support;

namespace KeyValue.Server.Tests.Hosting;

/// <summary>Accepting, the connection limit, concurrency and graceful shutdown, over real sockets.</summary>
public class ListenerServiceTests
{
    [Fact]
    public async Task Start_PortZero_LogsListeningOnTheRealPort()
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null);

        string line = await log.WaitForLineAsync("listening on");

        Assert.NotEqual(0, server.EndPoint.Port);
        Assert.Contains($"listening on 127.0.0.1:{server.EndPoint.Port}", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("warning")]
    [InlineData("error")]
    public async Task Start_QuietLogLevel_StillLogsListeningButNotRequests(string level)
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--log-level", level);
        await using var client = await server.ConnectAsync();
        Assert.Equal("PONG", await client.RequestAsync("PING"));
        await server.StopAsync();

        Assert.Contains(log.Lines, line => line.Contains($"listening on 127.0.0.1:{server.EndPoint.Port}", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("PING", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("opened", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MaxConnections_OneOverTheLimit_GetsErrBusyAndIsClosed_OthersServed()
    {
        await using var server = await TestServer.StartAsync("--max-connections", "2");
        await using var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();
        Assert.Equal("PONG", await first.RequestAsync("PING"));
        Assert.Equal("PONG", await second.RequestAsync("PING"));

        await using var third = await server.ConnectAsync();
        await using var fourth = await server.ConnectAsync();

        Assert.StartsWith("ERR BUSY ", await third.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, await third.ReadToCloseAsync());
        Assert.StartsWith("ERR BUSY ", await fourth.ReadLineAsync(), StringComparison.Ordinal);
        Assert.Equal("PONG", await first.RequestAsync("PING"));
        Assert.Equal(2, server.OpenConnections);
    }

    [Fact]
    public async Task Connections_200ConcurrentTimes200Requests_EveryReplyCorrect()
    {
        await using var server = await TestServer.StartAsync("--log-level", "warning");
        const int Connections = 200;
        const int Requests = 200;
        using var barrier = new SemaphoreSlim(0);

        async Task RunClientAsync(int c)
        {
            await using var client = await server.ConnectAsync();
            await barrier.WaitAsync(LineClient.Timeout);
            for (int i = 0; i < Requests; i += 4)
            {
                string key = $"c{c}:k{i}";
                Assert.Equal("OK", await client.RequestAsync($"SET {key} value {c} {i}"));
                Assert.Equal($"VALUE value {c} {i}", await client.RequestAsync($"GET {key}"));
                Assert.Equal("DELETED", await client.RequestAsync($"DEL {key}"));
                Assert.Equal("NOT_FOUND", await client.RequestAsync($"GET {key}"));
            }
        }

        Task[] clients = [.. Enumerable.Range(0, Connections).Select(RunClientAsync)];
        barrier.Release(Connections);

        await Task.WhenAll(clients).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Contains("data requests 40000,", server.ExecuteConsoleCommand("STATUS"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WithARequestInFlight_ReplyCompletesThenConnectionClosesAndListenerStops()
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--fail", "next 1", "--fail-mode", "delay 300ms");
        await using var client = await server.ConnectAsync();
        Assert.Equal("PONG", await client.RequestAsync("PING"));

        await client.SendAsync("GET k\r\n");
        await log.WaitForLineAsync("#1 GET k -> FAULT DELAY");

        Task stopping = server.StopAsync();

        Assert.Equal("NOT_FOUND", await client.ReadLineAsync());
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
        await stopping.WaitAsync(LineClient.Timeout);
        await Assert.ThrowsAnyAsync<SocketException>(() => server.ConnectAsync());
    }

    [Fact]
    public async Task Stop_ConnectionThatNeverFinishes_IsAbortedAfterTheShutdownTimeout()
    {
        await using var server = await TestServer.StartAsync("--fail", "on", "--fail-mode", "delay 60m", "--shutdown-timeout", "0");
        await using var client = await server.ConnectAsync();
        await client.SendAsync("GET k\r\n");

        await server.StopAsync().WaitAsync(LineClient.Timeout);

        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
    }
}
