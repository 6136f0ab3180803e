using System.IO.Pipelines;
using System.Net.Sockets;
using System.Text;
using KeyValue.Protocol;

namespace KeyValue.Client.Connection;

/// <summary>
/// One TCP connection to the server, one request at a time: write a line, read the one reply line.
/// It knows nothing of timeouts or reconnecting; <see cref="KeyValueClient"/> discards it on any trouble.
/// </summary>
internal sealed class KeyValueConnection : IAsyncDisposable
{
    private readonly Socket socket;
    private readonly NetworkStream stream;
    private readonly PipeReader reader;
    private readonly int maxReplyBytes;

    private KeyValueConnection(Socket socket, int maxReplyBytes)
    {
        this.socket = socket;
        this.maxReplyBytes = maxReplyBytes;
        stream = new NetworkStream(socket, ownsSocket: true);
        reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
    }

    public static async Task<KeyValueConnection> OpenAsync(string host, int port, int maxReplyBytes, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new KeyValueConnection(socket, maxReplyBytes);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends <paramref name="line"/> and reads the one reply line.</summary>
    /// <exception cref="EndOfStreamException">The server closed the connection before a whole reply.</exception>
    /// <exception cref="InvalidDataException">The reply is longer than the limit or not a reply of the protocol.</exception>
    public async Task<KeyValueReply> ExchangeAsync(string line, CancellationToken cancellationToken)
    {
        var request = Encoding.UTF8.GetBytes(line + "\r\n");
        await stream.WriteAsync(request, cancellationToken);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var unread = buffer;
            var status = ReplyParser.TryParse(ref unread, maxReplyBytes, out var parsed);
            switch (status)
            {
                case ReplyParseStatus.Reply:
                    var reply = KeyValueReply.From(parsed);
                    reader.AdvanceTo(unread.Start);
                    return reply;
                case ReplyParseStatus.Malformed:
                    var text = parsed.ToString();
                    reader.AdvanceTo(unread.Start);
                    throw new InvalidDataException($"not a reply of the protocol: {Shorten(text)}");
                case ReplyParseStatus.LineTooLong:
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    throw new InvalidDataException($"reply longer than {maxReplyBytes} bytes");
                default:
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        throw new EndOfStreamException("the server closed the connection");
                    }

                    break;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await reader.CompleteAsync();
        await stream.DisposeAsync();
        socket.Dispose();
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
