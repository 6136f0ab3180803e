using System.IO.Pipelines;
using System.Net;

namespace KeyValue.Server.Connections;

/// <summary>The bytes of one connection, as pipes, and the few things the connection does to the link itself.</summary>
internal interface IConnectionTransport : IDisposable
{
    /// <summary>What the client sends.</summary>
    PipeReader Input { get; }

    /// <summary>Where the replies go.</summary>
    PipeWriter Output { get; }

    /// <summary>The client's address, for the log; null when unknown.</summary>
    EndPoint? RemoteEndPoint { get; }

    /// <summary>
    /// When the client last accepted reply bytes that had to wait for it (a timestamp of the server's
    /// <see cref="TimeProvider"/>); 0 while no write has had to wait. The idle timeout counts a write that progresses as activity.
    /// </summary>
    long LastWriteProgress { get; }

    /// <summary>Cuts the link at once: pending and later reads and writes fail. Thread-safe; a second call does nothing.</summary>
    void Abort();

    /// <summary>
    /// After the last reply: sends FIN, then reads and discards what the client still sends (up to a bound) until it
    /// closes or <paramref name="cancellationToken"/> fires, so the close is not a reset that could destroy that reply.
    /// </summary>
    ValueTask HalfCloseAndDrainAsync(CancellationToken cancellationToken);
}
