using System.Net.Sockets;
using System.Text;
using KeyValue.Server.Tests.Support;

namespace KeyValue.Server.Tests.Connections;

/// <summary>
/// The idle timeout against clients whose replies back up: idle means neither sending nor accepting bytes. These
/// run on the real clock (a second or two): what they test is the kernel's send buffer filling up, which a fake
/// clock cannot tell apart from a slow machine.
/// </summary>
public class ServerConnectionIdleTimeoutTests
{
    private const int ValueBytes = 60 * 1024;

    [Fact]
    public async Task StalledReaders_HoldingEverySlot_ClosedAfterTheTimeout_NewClientServed()
    {
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, null, null, "--idle-timeout", "1", "--max-connections", "5");
        var stalled = new List<Socket>();
        try
        {
            // Each client stores a 60 KB value, pipelines 18 KB of GETs for it (about 120 MB of replies) and never reads.
            byte[] requests = Encoding.ASCII.GetBytes(
                "SET big " + new string('v', ValueBytes) + "\r\n" + string.Concat(Enumerable.Repeat("GET big\r\n", 2000)));
            for (int i = 0; i < 5; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
                stalled.Add(socket);
                await socket.ConnectAsync(server.EndPoint).WaitAsync(LineClient.Timeout);
                for (int sent = 0; sent < requests.Length;)
                {
                    sent += await socket.SendAsync(requests.AsMemory(sent)).AsTask().WaitAsync(LineClient.Timeout);
                }
            }

            await log.WaitForLinesAsync("closed (idle timeout)", 5);

            await using var client = await server.ConnectAsync();
            Assert.Equal("PONG", await client.RequestAsync("PING"));
        }
        finally
        {
            stalled.ForEach(socket => socket.Dispose());
        }
    }

    [Fact]
    public async Task SlowReader_PausesShorterThanTheTimeout_GetsEveryReply()
    {
        await using var server = await TestServer.StartAsync("--idle-timeout", "2", "--log-level", "warning");
        await using var client = await server.ConnectAsync();
        string value = new('v', ValueBytes);
        const int Gets = 400;

        await client.SendAsync("SET big " + value + "\r\n" + string.Concat(Enumerable.Repeat("GET big\r\n", Gets)));

        // The replies (about 24 MB) back up while the client pauses; each pause is well under the timeout, their
        // sum well over it.
        Assert.Equal("OK", await client.ReadLineAsync());
        for (int i = 0; i < Gets; i++)
        {
            if (i % 40 == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(400));
            }

            Assert.Equal("VALUE " + value, await client.ReadLineAsync());
        }

        Assert.Equal("PONG", await client.RequestAsync("PING"));
    }
}
