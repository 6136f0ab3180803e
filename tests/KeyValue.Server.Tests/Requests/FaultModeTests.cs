using System.Text;
using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using KeyValue.Server.Tests.Support;

namespace KeyValue.Server.Tests.Requests;

/// <summary>Fault injection as a client sees it, end to end over real sockets.</summary>
public class FaultModeTests
{
    [Fact]
    public async Task ErrorMode_FailingSet_ErrUnavailableAndNotApplied()
    {
        await using var server = await TestServer.StartAsync("--fail", "ON");
        await using var client = await server.ConnectAsync();

        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("SET k v"), StringComparison.Ordinal);
        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET k"), StringComparison.Ordinal);
        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("DEL k"), StringComparison.Ordinal);
        server.ExecuteConsoleCommand("FAIL OFF");

        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET k"));
    }

    [Fact]
    public async Task ErrorRetryAfterModeOnTheCommandLine_FailingSet_ReplyCarriesTheRetryAfterAndIsNotApplied()
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--fail", "next 1", "--fail-mode", "error retry-after 3s");
        await using var client = await server.ConnectAsync();

        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied", await client.RequestAsync("SET k v"));

        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET k"));
        Assert.Contains("mode ERROR RETRY-AFTER 3s, data requests 2, failed 1", server.ExecuteConsoleCommand("STATUS"), StringComparison.Ordinal);
        await log.WaitForLineAsync("[1] #1 SET k v -> ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied");
        await log.WaitForLineAsync("#1 SET k -> FAULT ERROR RETRY-AFTER 3s (spec NEXT 1)");
    }

    [Fact]
    public async Task ErrorRetryAfterModeAsSeveralTokens_GetAndDelFailToo_PingDoesNot()
    {
        await using var server = await TestServer.StartAsync("--fail", "ON", "--fail-mode", "ERROR", "RETRY-AFTER", "1500ms");
        await using var client = await server.ConnectAsync();

        await client.SendAsync("GET k\r\nDEL k\r\nPING\r\n");

        Assert.Equal("ERR UNAVAILABLE retry-after=1500 injected fault; the command was not applied", await client.ReadLineAsync());
        Assert.Equal("ERR UNAVAILABLE retry-after=1500 injected fault; the command was not applied", await client.ReadLineAsync());
        Assert.Equal("PONG", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Faults_NeverApplyToPingHelpQuitOrMalformedRequests()
    {
        await using var server = await TestServer.StartAsync("--fail", "ON");
        await using var client = await server.ConnectAsync();

        Assert.Equal("PONG", await client.RequestAsync("PING"));
        Assert.StartsWith("OK ", await client.RequestAsync("HELP"), StringComparison.Ordinal);
        Assert.StartsWith("ERR BAD_ARGUMENTS ", await client.RequestAsync("GET"), StringComparison.Ordinal);
        Assert.StartsWith("ERR UNKNOWN_COMMAND ", await client.RequestAsync("NOPE"), StringComparison.Ordinal);
        Assert.Equal("BYE", await client.RequestAsync("QUIT"));
        Assert.Contains("data requests 0,", server.ExecuteConsoleCommand("STATUS"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EverySpec_CountsDataRequestsAcrossConnections()
    {
        await using var server = await TestServer.StartAsync("--fail", "every", "2nd", "of", "3");
        await using var first = await server.ConnectAsync();
        await using var second = await server.ConnectAsync();

        // Requests 1..6 alternate between two connections: 2 and 5 fail.
        string[] replies =
        [
            await first.RequestAsync("SET a 1"),
            await second.RequestAsync("SET b 2"),
            await first.RequestAsync("GET a"),
            await second.RequestAsync("PING"), // not a data request: not counted
            await second.RequestAsync("GET a"),
            await first.RequestAsync("GET b"),
            await second.RequestAsync("DEL a"),
        ];

        Assert.Equal("OK", replies[0]);
        Assert.StartsWith("ERR UNAVAILABLE", replies[1], StringComparison.Ordinal);
        Assert.Equal("VALUE 1", replies[2]);
        Assert.Equal("PONG", replies[3]);
        Assert.Equal("VALUE 1", replies[4]);
        Assert.StartsWith("ERR UNAVAILABLE", replies[5], StringComparison.Ordinal);
        Assert.Equal("DELETED", replies[6]);
    }

    [Fact]
    public async Task DelayMode_ReplyComesAfterTheDelay_AndTheCommandIsApplied()
    {
        await using var server = await TestServer.StartAsync("--fail", "ON", "--fail-mode", "DELAY 150ms");
        await using var client = await server.ConnectAsync();

        var stopwatch = Stopwatch.StartNew();
        Assert.Equal("OK", await client.RequestAsync("SET k v"));
        TimeSpan elapsed = stopwatch.Elapsed;

        Assert.True(elapsed >= TimeSpan.FromMilliseconds(140), $"The reply came after {elapsed.TotalMilliseconds} ms.");
        server.ExecuteConsoleCommand("FAIL OFF");
        Assert.Equal("VALUE v", await client.RequestAsync("GET k"));
    }

    [Fact]
    public async Task DelayMode_PipelinedRequests_RepliesStayInOrder()
    {
        await using var server = await TestServer.StartAsync("--fail", "pattern .x.", "--fail-mode", "delay 50ms");
        await using var client = await server.ConnectAsync();

        await client.SendAsync("SET k 1\r\nSET k 2\r\nGET k\r\nPING\r\n");

        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal("VALUE 2", await client.ReadLineAsync());
        Assert.Equal("PONG", await client.ReadLineAsync());
    }

    [Fact]
    public async Task DelayOnOneConnection_AnotherPipelines10000Requests_NotHeldUp_RepliesExactAndInOrder()
    {
        var log = new LogCapture();
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await TestServer.StartAsync(log, time, null, null, "--fail", "next 1", "--fail-mode", "delay 60m", "--idle-timeout", "7200", "--log-level", "warning");
        await using var delayed = await server.ConnectAsync();
        await using var busy = await server.ConnectAsync();
        Assert.Equal("PONG", await busy.RequestAsync("PING"));
        int timersBefore = time.Created;

        await delayed.SendAsync("SET held v\r\nPING\r\n");
        await time.WhenTimersCreatedAsync(timersBefore + 1);

        // The clock stands still: the delayed request cannot finish while the other connection is served.
        const int Count = 10_000;
        var requests = new StringBuilder();
        for (int i = 0; i < Count; i++)
        {
            requests.Append(i % 2 == 0 ? $"SET k{i} value {i}\r\n" : $"GET k{i - 1}\r\n");
        }

        await busy.SendAsync(requests.ToString());
        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(i % 2 == 0 ? "OK" : $"VALUE value {i - 1}", await busy.ReadLineAsync());
        }

        Assert.Equal("NOT_FOUND", await busy.RequestAsync("GET held"));
        time.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal("OK", await delayed.ReadLineAsync());
        Assert.Equal("PONG", await delayed.ReadLineAsync());
        Assert.Equal("VALUE v", await busy.RequestAsync("GET held"));
    }

    [Fact]
    public async Task ConsoleChangesSpecAndModeWhileARequestIsDelayed_LogAndTraceNameTheSpecAndModeThatDecidedIt()
    {
        using var file = new TempFile();
        var log = new LogCapture();
        var time = new TimerWatchingTimeProvider(DateTimeOffset.UnixEpoch);
        await using var server = await TestServer.StartAsync(log, time, null, null, "--fail", "on", "--fail-mode", "delay 5s", "--trace", file.Path);
        await using var client = await server.ConnectAsync();
        Assert.Equal("PONG", await client.RequestAsync("PING"));
        int timersBefore = time.Created;

        await client.SendAsync("GET k\r\n");
        await log.WaitForLineAsync("[1] #1 GET k -> FAULT DELAY 5s (spec ON)");
        await time.WhenTimersCreatedAsync(timersBefore + 1);
        Assert.StartsWith("ok: ", server.ExecuteConsoleCommand("FAIL EVERY 2ND OF 3"), StringComparison.Ordinal);
        Assert.StartsWith("ok: ", server.ExecuteConsoleCommand("FAIL MODE ERROR"), StringComparison.Ordinal);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("NOT_FOUND", await client.ReadLineAsync());
        await log.WaitForLineAsync("[1] #1 GET k -> NOT_FOUND (delayed by FAULT DELAY 5s, spec ON)");
        await server.StopAsync();
        System.Text.Json.JsonElement record = Assert.Single(TraceReader.Read(file.Path).OfType("request"));
        Assert.Equal("ON", record.Text("spec"));
        Assert.Equal("DELAY 5s", record.Text("mode"));
        Assert.Equal("delay", record.Text("fault"));
        Assert.Equal("NOT_FOUND", record.Text("reply"));
    }

    [Fact]
    public async Task DropMode_ConnectionClosedWithoutReply_EarlierRepliesDelivered_NotApplied()
    {
        await using var server = await TestServer.StartAsync("--fail", "pattern .x", "--fail-mode", "DROP");
        await using var client = await server.ConnectAsync();

        await client.SendAsync("SET a 1\r\nSET b 2\r\nPING\r\n");

        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
        server.ExecuteConsoleCommand("FAIL OFF");
        await using var next = await server.ConnectAsync();
        Assert.Equal("VALUE 1", await next.RequestAsync("GET a"));
        Assert.Equal("NOT_FOUND", await next.RequestAsync("GET b"));
    }

    [Fact]
    public async Task HangMode_NoReplyEver_ConnectionOpenUntilServerStops_NotApplied()
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--fail", "next 1", "--fail-mode", "HANG");
        await using var client = await server.ConnectAsync();
        await using var other = await server.ConnectAsync();

        await client.SendAsync("SET k v\r\n");
        await log.WaitForLineAsync("FAULT HANG");

        // Later requests on the hung connection are read and discarded; other connections are served.
        await client.SendAsync("PING\r\nGET k\r\n");
        Assert.Equal("NOT_FOUND", await other.RequestAsync("GET k"));
        Assert.Contains("open connections 2", server.ExecuteConsoleCommand("STATUS"), StringComparison.Ordinal);

        await server.StopAsync();

        // Everything the hung connection received before the server closed it: nothing.
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task HangMode_IdleTimeoutPasses_HungConnectionStaysOpen()
    {
        var log = new LogCapture();
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(log, time, null, null, "--fail", "next 1", "--fail-mode", "HANG", "--idle-timeout", "10");
        await using var client = await server.ConnectAsync();
        await using var idle = await server.ConnectAsync();
        Assert.Equal("PONG", await idle.RequestAsync("PING"));

        await client.SendAsync("GET k\r\n");
        await log.WaitForLineAsync("FAULT HANG");
        time.Advance(TimeSpan.FromSeconds(30));

        // The idle one is closed by the timeout; the hung one only by the client or the server's stop.
        Assert.Equal(string.Empty, await idle.ReadToCloseAsync());
        await log.WaitForLineAsync("(idle timeout)");
        await server.StopAsync();
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
        Assert.Single(log.Lines, line => line.Contains("(idle timeout)", StringComparison.Ordinal));
    }
}
