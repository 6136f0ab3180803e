using System.Text;
using KeyValue.Server.Tests.Support;

namespace KeyValue.Server.Tests.Connections;

/// <summary>
/// Fault mode DELAY over real sockets, on a fake clock: the delay's timer being created is the signal that the
/// delayed request is waiting, and only advancing the clock ends the wait.
/// </summary>
public class ServerConnectionDelayTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Delay_OnOneConnection_AnotherPipelinesTenThousand_NotHeldUp_RepliesInOrder()
    {
        var time = new TimerWatchingTimeProvider(Start);
        await using var server = await TestServer.StartAsync(
            new LogCapture(), time, null, null, "--fail", "next 1", "--fail-mode", "DELAY 10s", "--log-level", "warning");
        await using var delayed = await server.ConnectAsync();
        await using var other = await server.ConnectAsync();
        Assert.Equal("PONG", await delayed.RequestAsync("PING"));
        Assert.Equal("PONG", await other.RequestAsync("PING"));
        int timers = time.Created;

        await delayed.SendAsync("SET d 1\r\nGET d\r\n");
        await time.WhenTimersCreatedAsync(timers + 1);

        const int Count = 10_000;
        var requests = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            requests.Append(i % 2 == 0 ? $"SET key{i} value {i}\r\n" : $"GET key{i - 1}\r\n");
        }

        await other.SendAsync(requests.ToString());
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? "OK" : $"VALUE value {i - 1}", await other.ReadLineAsync());
        }

        // The delayed SET is answered only once its delay has passed, and the GET behind it waits its turn.
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("OK", await delayed.ReadLineAsync());
        Assert.Equal("VALUE 1", await delayed.ReadLineAsync());
    }

    [Fact]
    public async Task Delay_ConsoleChangesSpecAndModeDuringTheDelay_LogAndReplyFollowTheDecision()
    {
        var log = new LogCapture();
        var time = new TimerWatchingTimeProvider(Start);
        await using var server = await TestServer.StartAsync(log, time, null, null, "--fail", "next 1", "--fail-mode", "DELAY 10s");
        await using var client = await server.ConnectAsync();
        Assert.Equal("PONG", await client.RequestAsync("PING"));
        int timers = time.Created;

        await client.SendAsync("SET k v\r\n");
        await time.WhenTimersCreatedAsync(timers + 1);
        server.ExecuteConsoleCommand("FAIL ON");
        server.ExecuteConsoleCommand("FAIL MODE ERROR");
        time.Advance(TimeSpan.FromSeconds(10));

        // The delayed request keeps the decision made for it: applied late, not failed by the new spec and mode.
        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Single(log.Lines, line => line.Contains("#1 SET k -> FAULT", StringComparison.Ordinal));
        await log.WaitForLineAsync("#1 SET k -> FAULT DELAY 10s (spec NEXT 1)");
        await log.WaitForLineAsync("#1 SET k v -> OK");
        Assert.StartsWith("ERR UNAVAILABLE", await client.RequestAsync("GET k"), StringComparison.Ordinal);
    }
}
