using System.Text;
using System.Text.RegularExpressions;
using KeyValue.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Server.Tests.Connections;

/// <summary>
/// The idle timeout against clients that stop reading, over real sockets on a fake clock. A client that pipelines GETs
/// of a large value and does not read leaves the server's write blocked; the server's debug line "waits for its client
/// to read replies" says so, and only then does a test move the clock.
/// </summary>
public partial class IdleTimeoutTests
{
    private const int ValueBytes = 60_000;
    private static readonly string BigValue = new('v', ValueBytes);
    private static readonly string BigReply = "VALUE " + BigValue + "\r\n";

    [Fact]
    public async Task FiveClientsStopReadingWithRepliesBackedUp_AllSlotsTaken_TimeoutClosesThemAll_NewClientServed()
    {
        var log = new LogCapture();
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(log, time, null, null, "--idle-timeout", "2", "--max-connections", "5", "--log-level", "debug");
        var stalled = new List<LineClient>();
        try
        {
            for (int i = 1; i <= 5; i++)
            {
                LineClient client = await server.ConnectAsync();
                stalled.Add(client);
                if (i == 1)
                {
                    Assert.Equal("OK", await client.RequestAsync("SET big " + BigValue));
                }

                // 18 KB of GETs: some 120 MB of replies, far more than the socket buffers hold.
                await client.SendAsync(string.Concat(Enumerable.Repeat("GET big\r\n", 2_000)));
                await log.WaitForLineAsync($"Connection {i} waits for its client to read replies");
            }

            await using (var refused = await server.ConnectAsync())
            {
                Assert.StartsWith("ERR BUSY ", await refused.ReadLineAsync(), StringComparison.Ordinal);
            }

            time.Advance(TimeSpan.FromSeconds(3));

            for (int i = 1; i <= 5; i++)
            {
                await log.WaitForLineAsync($"Connection {i} closed (idle timeout)");
            }

            await using var next = await server.ConnectAsync();
            Assert.Equal("PONG", await next.RequestAsync("PING"));
        }
        finally
        {
            foreach (LineClient client in stalled)
            {
                await client.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ClientPausesReadingShorterThanTheTimeout_GetsEveryReplyInOrder()
    {
        var log = new LogCapture();
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(log, time, null, null, "--idle-timeout", "2", "--log-level", "debug");
        await using var client = await server.ConnectAsync();
        Assert.Equal("OK", await client.RequestAsync("SET big " + BigValue));
        const int Gets = 400;

        await client.SendAsync(string.Concat(Enumerable.Repeat("GET big\r\n", Gets)) + "PING\r\n");
        await log.WaitForLineAsync("Connection 1 waits for its client to read replies");
        time.Advance(TimeSpan.FromSeconds(1.9));

        for (int i = 0; i < Gets; i++)
        {
            Assert.Equal("VALUE " + BigValue, await client.ReadLineAsync());
        }

        Assert.Equal("PONG", await client.ReadLineAsync());
        Assert.Equal("PONG", await client.RequestAsync("PING"));
        Assert.DoesNotContain(log.Lines, line => line.Contains("(idle timeout)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ClientPausesReadingLongerThanTheTimeout_ClosedAtOnce_EveryReplyItGotIsWhole_NothingMoreIsHandled()
    {
        var log = new LogCapture();
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(log, time, null, null, "--idle-timeout", "2", "--log-level", "debug");
        await using var client = await server.ConnectAsync();
        Assert.Equal("OK", await client.RequestAsync("SET big " + BigValue));
        const int Gets = 400;

        await client.SendAsync(string.Concat(Enumerable.Repeat("GET big\r\n", Gets)));
        await log.WaitForLineAsync("Connection 1 waits for its client to read replies");
        time.Advance(TimeSpan.FromSeconds(2));
        await log.WaitForLineAsync("Connection 1 closed (idle timeout)");
        long handled = DataRequests(server.ExecuteConsoleCommand("STATUS")) - 1;

        // Closed while the client still had requests the server never read: it stopped there.
        Assert.InRange(handled, 1L, Gets - 1L);
        Assert.Equal(0, server.OpenConnections);

        // What the client gets is the replies in order, the last possibly cut short by the close; never more than were handled.
        byte[] received = await client.ReadBytesToCloseAsync();
        long whole = received.Length / BigReply.Length;
        Assert.InRange(whole, 0L, handled);
        byte[] expected = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(BigReply, (int)whole + 1)));
        Assert.True(received.AsSpan().SequenceEqual(expected.AsSpan(0, received.Length)), "The replies received are not a prefix of the replies sent.");
        Assert.Equal(handled + 1, DataRequests(server.ExecuteConsoleCommand("STATUS")));
    }

    private static long DataRequests(string status) =>
        long.Parse(DataRequestsCount().Match(status).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"data requests (\d+),")]
    private static partial Regex DataRequestsCount();
}
