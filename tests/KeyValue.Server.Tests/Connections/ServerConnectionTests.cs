using System.Text;
using KeyValue.Protocol;
using KeyValue.Server.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Server.Tests.Connections;

/// <summary>The wire protocol, end to end over real sockets against the real server.</summary>
public class ServerConnectionTests
{
    [Fact]
    public async Task Commands_EveryCommand_GetsItsReply()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        Assert.Equal("PONG", await client.RequestAsync("PING"));
        Assert.Equal("PONG", await client.RequestAsync("ping"));
        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET k"));
        Assert.Equal("OK", await client.RequestAsync("SET k hello  world "));
        Assert.Equal("VALUE hello  world ", await client.RequestAsync("get k"));
        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET K"));
        Assert.Equal("DELETED", await client.RequestAsync("DEL k"));
        Assert.Equal("NOT_FOUND", await client.RequestAsync("DEL k"));
        Assert.Equal("OK " + ProtocolText.HelpLine, await client.RequestAsync("HELP"));
        Assert.StartsWith("ERR UNKNOWN_COMMAND ", await client.RequestAsync("FETCH k"), StringComparison.Ordinal);
        Assert.StartsWith("ERR BAD_ARGUMENTS ", await client.RequestAsync("SET k"), StringComparison.Ordinal);
        Assert.StartsWith("ERR BAD_ARGUMENTS ", await client.RequestAsync("GET a b"), StringComparison.Ordinal);
        Assert.StartsWith("ERR BAD_ARGUMENTS ", await client.RequestAsync("GET " + new string('k', 1025)), StringComparison.Ordinal);
        Assert.Equal("BYE", await client.RequestAsync("QUIT"));
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
    }

    [Fact]
    public async Task Requests_LfOnlyTabsAndBlankLines_OneReplyPerRequestNoneForBlank()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        await client.SendAsync("\n   \t\r\n\t SET\tk \t v 1\nGET k\n\r\nPING\n");

        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal("VALUE v 1", await client.ReadLineAsync());
        Assert.Equal("PONG", await client.ReadLineAsync());
        Assert.Equal("PONG", await client.RequestAsync("PING"));
    }

    [Fact]
    public async Task Requests_TenThousandPipelinedInOneWrite_AllAnsweredInOrder()
    {
        await using var server = await TestServer.StartAsync("--log-level", "warning");
        await using var client = await server.ConnectAsync();
        const int Count = 10_000;
        var requests = new StringBuilder();
        var expected = new List<string>(Count);
        for (int i = 0; i < Count; i++)
        {
            switch (i % 3)
            {
                case 0:
                    requests.Append($"SET key{i} value {i}\r\n");
                    expected.Add("OK");
                    break;
                case 1:
                    requests.Append($"GET key{i - 1}\r\n");
                    expected.Add($"VALUE value {i - 1}");
                    break;
                default:
                    requests.Append($"DEL key{i - 2}\r\n");
                    expected.Add("DELETED");
                    break;
            }
        }

        await client.SendAsync(requests.ToString());

        for (int i = 0; i < Count; i++)
        {
            Assert.Equal(expected[i], await client.ReadLineAsync());
        }
    }

    [Fact]
    public async Task Request_SplitByteByByte_AnsweredOnceComplete()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = await server.ConnectAsync();

        foreach (byte b in "SET split value\r\nGET split\r\n"u8.ToArray())
        {
            await client.SendAsync([b]);
        }

        Assert.Equal("OK", await client.ReadLineAsync());
        Assert.Equal("VALUE value", await client.ReadLineAsync());
    }

    [Fact]
    public async Task Line_LongerThanTheLimit_ErrLineTooLongThenClosed_OthersUnaffected()
    {
        await using var server = await TestServer.StartAsync("--max-line-bytes", "2000");
        await using var bystander = await server.ConnectAsync();
        await using var client = await server.ConnectAsync();
        Assert.Equal("OK", await bystander.RequestAsync("SET k v"));

        await client.SendAsync("SET k " + new string('x', 5000));

        string? reply = await client.ReadLineAsync();
        Assert.StartsWith("ERR LINE_TOO_LONG ", reply, StringComparison.Ordinal);
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
        Assert.Equal("VALUE v", await bystander.RequestAsync("GET k"));
    }

    [Fact]
    public async Task Line_ExactlyAtTheLimit_IsServed()
    {
        await using var server = await TestServer.StartAsync("--max-line-bytes", "2000");
        await using var client = await server.ConnectAsync();
        string value = new('v', 2000 - "SET k ".Length);

        Assert.Equal("OK", await client.RequestAsync("SET k " + value));
        Assert.Equal("VALUE " + value, await client.RequestAsync("GET k"));
    }

    [Theory]
    [InlineData(1, "x", "ERR UNKNOWN_COMMAND ")]
    [InlineData(1, "PING", "ERR LINE_TOO_LONG ")]
    [InlineData(2, "PING", "ERR LINE_TOO_LONG ")]
    [InlineData(3, "PING", "ERR LINE_TOO_LONG ")]
    [InlineData(4, "PING", "PONG")]
    [InlineData(4, "PING ", "ERR LINE_TOO_LONG ")]
    [InlineData(4, "GET k", "ERR LINE_TOO_LONG ")]
    [InlineData(5, "GET k", "NOT_FOUND")]
    [InlineData(6, "SET k v", "ERR LINE_TOO_LONG ")]
    [InlineData(7, "SET k v", "OK")]
    public async Task Line_SmallLimits_ARequestUpToTheLimitIsServed_OneLongerIsLineTooLongAndClosed(int limit, string line, string reply)
    {
        await using var server = await TestServer.StartAsync("--max-line-bytes", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var client = await server.ConnectAsync();

        // A blank line is no request, whatever the limit.
        await client.SendAsync("\r\n" + line + "\r\n");

        string? answer = await client.ReadLineAsync();
        Assert.NotNull(answer);
        Assert.StartsWith(reply, answer, StringComparison.Ordinal);
        if (reply.StartsWith("ERR LINE_TOO_LONG", StringComparison.Ordinal))
        {
            Assert.Equal(string.Empty, await client.ReadToCloseAsync());
        }
        else
        {
            // Still open: a 1-byte line is within every limit.
            await client.SendAsync("x\r\n");
            Assert.StartsWith("ERR UNKNOWN_COMMAND ", await client.ReadLineAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Line_LimitBelowTheLongestKey_LongKeysAreLineTooLong_ShortOnesServed()
    {
        await using var server = await TestServer.StartAsync("--max-line-bytes", "100");
        await using var client = await server.ConnectAsync();
        Assert.Equal("OK", await client.RequestAsync("SET " + new string('k', 90) + " v"));

        Assert.StartsWith("ERR LINE_TOO_LONG ", await client.RequestAsync("GET " + new string('k', 97)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GarbageBytes_ServerKeepsServingThatClientAndOthers()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystander = await server.ConnectAsync();
        await using var client = await server.ConnectAsync();
        var random = new Random(1234);
        byte[] garbage = new byte[8192];
        random.NextBytes(garbage);

        await client.SendAsync(garbage);
        await client.SendAsync("\nPING\r\n");

        // Every garbage line gets an error reply (or none if blank); the PING after them gets PONG.
        string? reply;
        int replies = 0;
        do
        {
            reply = await client.ReadLineAsync();
            Assert.NotNull(reply);
            Assert.True(reply == "PONG" || reply.StartsWith("ERR ", StringComparison.Ordinal), reply);
            replies++;
        }
        while (reply != "PONG" && replies < 10_000);

        Assert.Equal("PONG", reply);
        Assert.Equal("PONG", await bystander.RequestAsync("PING"));
    }

    [Fact]
    public async Task Client_VanishingMidLine_OthersUnaffected()
    {
        await using var server = await TestServer.StartAsync();
        await using var bystander = await server.ConnectAsync();
        var vanishing = await server.ConnectAsync();
        Assert.Equal("PONG", await vanishing.RequestAsync("PING"));

        await vanishing.SendAsync("SET half a li");
        vanishing.Abort();

        Assert.Equal("OK", await bystander.RequestAsync("SET other v"));
        await using var next = await server.ConnectAsync();
        Assert.Equal("NOT_FOUND", await next.RequestAsync("GET half"));
    }

    [Fact]
    public async Task IdleConnection_ClosedAfterIdleTimeout_ActiveOneKept()
    {
        var time = new FakeTimeProvider();
        await using var server = await TestServer.StartAsync(new LogCapture(), time, null, null, "--idle-timeout", "10");
        await using var client = await server.ConnectAsync();
        Assert.Equal("PONG", await client.RequestAsync("PING"));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("PONG", await client.RequestAsync("PING"));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal("PONG", await client.RequestAsync("PING"));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(string.Empty, await client.ReadToCloseAsync());
        await using var other = await server.ConnectAsync();
        Assert.Equal("PONG", await other.RequestAsync("PING"));
    }
}
