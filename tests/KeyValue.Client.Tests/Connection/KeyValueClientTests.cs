using System.Net;
using System.Net.Sockets;
using System.Text;
using KeyValue.Client.Connection;
using KeyValue.Client.Tests.EndToEnd;
using KeyValue.Protocol;

namespace KeyValue.Client.Tests.Connection;

public class KeyValueClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task SendAsync_Answers_AreReturnedNotThrown()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Client(server.EndPoint.Port);

        Assert.Equal(ReplyKind.NotFound, (await SendAsync(client, "GET nothing")).Kind);
        Assert.Equal(ReplyKind.Ok, (await SendAsync(client, "SET a 1 2")).Kind);
        Assert.Equal("1 2", (await SendAsync(client, "GET a")).Value);
        Assert.Equal(ErrorCode.UnknownCommand, (await SendAsync(client, "FROB")).ErrorCode);
        Assert.Equal(ErrorCode.BadArguments, (await SendAsync(client, "GET")).ErrorCode);
    }

    [Fact]
    public async Task SendAsync_Unavailable_ReturnsTheReplyAsAFailureVerdictAndKeepsTheConnection()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Client(server.EndPoint.Port);
        server.Type("FAIL NEXT 1");

        var reply = await SendAsync(client, "GET a");

        Assert.Equal(ErrorCode.Unavailable, reply.ErrorCode);
        Assert.StartsWith("ERR UNAVAILABLE", reply.Line, StringComparison.Ordinal);
        Assert.Equal(CircuitBreaker.CallVerdict.Failure, reply.Verdict);
        Assert.Equal(ReplyKind.NotFound, (await SendAsync(client, "GET a")).Kind);
        Assert.Equal(1, server.OpenConnections);
    }

    [Fact]
    public async Task SendAsync_AfterATimeout_ALateReplyIsNeverTakenForTheNextAnswer()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE DELAY 2s");
        server.Type("FAIL NEXT 1");
        await using var client = Client(server.EndPoint.Port, timeout: TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => SendAsync(client, "SET late 1"));
        var next = await SendAsync(client, "GET never-set");

        Assert.Equal(FailureKind.Timeout, failure.Kind);
        Assert.Equal(ReplyKind.NotFound, next.Kind);
    }

    [Fact]
    public async Task SendAsync_Hang_TimesOutAndTheNextRequestUsesAFreshConnection()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE HANG");
        server.Type("FAIL NEXT 1");
        await using var client = Client(server.EndPoint.Port, timeout: TimeSpan.FromSeconds(1));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => SendAsync(client, "GET a"));

        Assert.Equal(FailureKind.Timeout, failure.Kind);
        Assert.Equal("timeout: no reply within 1000 ms", failure.Message);
        Assert.Equal(ReplyKind.Ok, (await SendAsync(client, "SET a 1")).Kind);
    }

    [Fact]
    public async Task SendAsync_Drop_IsAConnectionFailureAndTheClientReconnects()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE DROP");
        server.Type("FAIL NEXT 1");
        await using var client = Client(server.EndPoint.Port);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => SendAsync(client, "GET a"));

        Assert.Equal(FailureKind.ConnectionLost, failure.Kind);
        Assert.Equal(ReplyKind.NotFound, (await SendAsync(client, "GET a")).Kind);
    }

    [Fact]
    public async Task SendAsync_Quit_ReturnsByeAndTheNextRequestReconnects()
    {
        await using var server = await TestServer.StartAsync();
        await using var client = Client(server.EndPoint.Port);

        Assert.Equal(ReplyKind.Bye, (await SendAsync(client, "QUIT")).Kind);
        Assert.Equal(ReplyKind.Pong, (await SendAsync(client, "PING")).Kind);
    }

    [Fact]
    public async Task SendAsync_NothingListening_IsConnectionRefused()
    {
        var port = int.Parse(TestServer.UnusedPort(), System.Globalization.CultureInfo.InvariantCulture);
        await using var client = Client(port);

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => SendAsync(client, "GET a"));

        Assert.Equal(FailureKind.ConnectionRefused, failure.Kind);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsCancellationNotAFailure()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE HANG");
        server.Type("FAIL ON");
        await using var client = Client(server.EndPoint.Port);
        using var cancel = new CancellationTokenSource();

        var sending = client.SendAsync(KeyValueRequest.Get("a"), cancel.Token).AsTask();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Limit));
    }

    [Fact]
    public async Task SendAsync_PeerThatIsNotOurServer_IsAFailureNotAnAnswer()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        await using var client = Client(((IPEndPoint)listener.LocalEndpoint).Port);

        var sending = SendAsync(client, "GET a");
        using var peer = await listener.AcceptTcpClientAsync().WaitAsync(Limit);
        await peer.GetStream().WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\n"));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() => sending);
        Assert.Equal(FailureKind.ConnectionLost, failure.Kind);
        Assert.Contains("not a reply of the protocol: HTTP/1.1 400 Bad Request", failure.Message, StringComparison.Ordinal);
    }

    private static KeyValueClient Client(int port, TimeSpan? timeout = null) => new(
        new KeyValueClientSettings { Host = "127.0.0.1", Port = port, Timeout = timeout ?? TimeSpan.FromSeconds(5) },
        TimeProvider.System);

    private static async Task<KeyValueReply> SendAsync(KeyValueClient client, string line) =>
        await client.SendAsync(KeyValueRequest.FromTypedLine(line)!, CancellationToken.None).AsTask().WaitAsync(Limit);
}
