using System.IO.Pipelines;
using System.Net;
using KeyValue.Server.Connections;

namespace KeyValue.Benchmarks;

/// <summary>
/// A connection's link as two in-memory pipes with inline schedulers: a request written and flushed by the benchmark
/// runs through the connection's loop on the benchmark's own thread, and its reply is in <see cref="ClientInput"/> when
/// the flush returns. What is measured is the server's request path, without a socket or a thread-pool hop.
/// </summary>
internal sealed class InMemoryTransport : IConnectionTransport
{
    private static readonly PipeOptions Inline = new(
        readerScheduler: PipeScheduler.Inline,
        writerScheduler: PipeScheduler.Inline,
        pauseWriterThreshold: 0,
        useSynchronizationContext: false);

    private readonly Pipe _toServer = new(Inline);
    private readonly Pipe _toClient = new(Inline);

    /// <summary>Where the benchmark writes requests.</summary>
    public PipeWriter ClientOutput => _toServer.Writer;

    /// <summary>Where the benchmark reads replies.</summary>
    public PipeReader ClientInput => _toClient.Reader;

    public PipeReader Input => _toServer.Reader;

    public PipeWriter Output => _toClient.Writer;

    public EndPoint? RemoteEndPoint => null;

    public long LastWriteProgress => 0;

    public void Abort()
    {
        _toServer.Writer.Complete();
        _toClient.Reader.Complete();
    }

    public ValueTask HalfCloseAndDrainAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public void Dispose()
    {
    }
}
