using System.Buffers;
using System.Net.Sockets;
using KeyValue.Protocol;

namespace KeyValue.Server.Connections;

/// <summary>Turns away a connection over the limit: <c>ERR BUSY</c>, then close, all within a short bound.</summary>
internal static class BusyRefusal
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private static readonly byte[] Reply = CreateReply();

    public static async Task RefuseAsync(Socket socket, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(socket);
        using (socket)
        {
            using var timeout = new CancellationTokenSource(Bound, timeProvider);
            try
            {
                await socket.SendAsync(Reply, SocketFlags.None, timeout.Token);
                await SocketHalfClose.ShutdownAndDrainAsync(socket, timeout.Token);
            }
            catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The refusal is best effort; the socket is closed either way.
            }
        }
    }

    private static byte[] CreateReply()
    {
        var buffer = new ArrayBufferWriter<byte>();
        ReplyWriter.WriteError(buffer, ErrorCode.Busy);
        return buffer.WrittenSpan.ToArray();
    }
}
