using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;

namespace KeyValue.Server.Connections;

/// <summary>A connection's accepted socket as a pair of pipes (through a <see cref="NetworkStream"/> that notes write progress).</summary>
internal sealed class SocketTransport : IConnectionTransport
{
    private readonly Socket _socket;
    private readonly WriteProgressNetworkStream _stream;

    /// <param name="socket">The accepted socket; owned (and closed) by the transport.</param>
    /// <param name="timeProvider">The server's clock, for <see cref="LastWriteProgress"/>.</param>
    public SocketTransport(Socket socket, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(socket);
        _socket = socket;
        _stream = new WriteProgressNetworkStream(socket, timeProvider);
        Input = PipeReader.Create(_stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public EndPoint? RemoteEndPoint
    {
        get
        {
            try
            {
                return _socket.RemoteEndPoint;
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return null;
            }
        }
    }

    public long LastWriteProgress => _stream.LastProgress;

    // Disposing the socket ends its pending operations at once; a blocked write included.
    public void Abort() => _socket.Dispose();

    public ValueTask HalfCloseAndDrainAsync(CancellationToken cancellationToken) =>
        SocketHalfClose.ShutdownAndDrainAsync(_socket, cancellationToken);

    public void Dispose() => _stream.Dispose();
}
