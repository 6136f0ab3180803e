using System.Buffers;
using System.Net.Sockets;

namespace KeyValue.Server.Connections;

/// <summary>
/// The one way the server ends a connection after a last reply (QUIT, LINE_TOO_LONG, ERR BUSY): half-close, then drain.
/// Closing a socket that still has unread input sends a reset, and a reset can destroy the last reply before the client
/// reads it; so the server sends FIN and reads what the client still sends until it closes, the bound passes, or too
/// much has come.
/// </summary>
internal static class SocketHalfClose
{
    /// <summary>The most bytes discarded before the server closes anyway.</summary>
    public const long MaxDrainBytes = 1024 * 1024;

    /// <summary>Sends FIN and discards input until the client closes, <see cref="MaxDrainBytes"/> have come, or <paramref name="cancellationToken"/> fires (which ends it quietly).</summary>
    public static async ValueTask ShutdownAndDrainAsync(Socket socket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(socket);
        byte[] sink = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            long discarded = 0;
            while (discarded < MaxDrainBytes)
            {
                int read = await socket.ReceiveAsync(sink, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return;
                }

                discarded += read;
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: the socket is closed next either way.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(sink);
        }
    }
}
