using System.Net.Sockets;

namespace KeyValue.Client.Connection;

/// <summary>
/// Sends requests to the server one at a time over one connection, opening it on first use and again after
/// it was dropped. Each request, connecting included, has <see cref="KeyValueClientSettings.Timeout"/>.
/// </summary>
/// <remarks>
/// Every reply is returned, <c>ERR UNAVAILABLE</c> and <c>ERR BUSY</c> included: the breaker counts those as failures
/// from the reply itself (<see cref="KeyValueReply.Verdict"/>). Only a request that got no reply throws
/// (<see cref="RequestFailedException"/>): a timeout, a refused, reset or closed connection. After a timeout or any
/// connection trouble the connection is thrown away: a late reply on it would be taken for the answer to the next
/// request.
/// </remarks>
internal sealed class KeyValueClient(KeyValueClientSettings settings, TimeProvider timeProvider) : IAsyncDisposable
{
    private KeyValueConnection? connection;

    public async ValueTask<KeyValueReply> SendAsync(KeyValueRequest request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(settings.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        KeyValueReply reply;
        try
        {
            connection ??= await KeyValueConnection.OpenAsync(settings.Host, settings.Port, settings.MaxReplyBytes, linked.Token);
            reply = await connection.ExchangeAsync(request.Line, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await DiscardConnectionAsync();
            throw;
        }
        catch (OperationCanceledException exception)
        {
            await DiscardConnectionAsync();
            throw new RequestFailedException(FailureKind.Timeout, $"timeout: no reply within {settings.Timeout.TotalMilliseconds:0} ms", innerException: exception);
        }
        catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
        {
            await DiscardConnectionAsync();
            throw new RequestFailedException(FailureKind.ConnectionRefused, $"connection refused by {settings.Host}:{settings.Port}", innerException: exception);
        }
        catch (Exception exception) when (exception is SocketException or IOException or InvalidDataException)
        {
            await DiscardConnectionAsync();
            throw new RequestFailedException(FailureKind.ConnectionLost, $"connection lost: {Describe(exception)}", innerException: exception);
        }

        if (reply.ClosesConnection)
        {
            await DiscardConnectionAsync();
        }

        return reply;
    }

    public ValueTask DisposeAsync() => DiscardConnectionAsync();

    private static string Describe(Exception exception) => exception switch
    {
        EndOfStreamException => "closed by the server",
        SocketException socket => socket.SocketErrorCode switch
        {
            SocketError.ConnectionReset => "reset by the server",
            SocketError.HostNotFound or SocketError.NoData => "host not found",
            _ => socket.Message,
        },
        IOException { InnerException: SocketException socket } => Describe(socket),
        _ => exception.Message,
    };

    private async ValueTask DiscardConnectionAsync()
    {
        if (connection is { } open)
        {
            connection = null;
            await open.DisposeAsync();
        }
    }
}
