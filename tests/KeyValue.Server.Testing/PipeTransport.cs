using System.IO.Pipelines;
using System.Net;
using KeyValue.Server.Connections;

namespace KeyValue.Server.Testing;

/// <summary>
/// A connection's link in memory: what a test writes to <see cref="Client"/>'s output the connection reads, and the
/// connection's replies come out of <see cref="Client"/>'s input. Lets the request loop run without a socket, with a
/// fake clock, and tells what the connection did to the link.
/// </summary>
public sealed class PipeTransport : IConnectionTransport
{
    private readonly Pipe _toServer;
    private readonly Pipe _toClient;
    private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastWriteProgress;

    /// <param name="scheduler">Where pipe continuations run; <see cref="PipeScheduler.Inline"/> keeps one request's round trip on one thread.</param>
    /// <param name="pauseWriterThreshold">Unread reply bytes at which the connection's flush waits (0: never waits).</param>
    public PipeTransport(PipeScheduler? scheduler = null, long pauseWriterThreshold = 0)
    {
        PipeScheduler chosen = scheduler ?? PipeScheduler.ThreadPool;
        _toServer = new Pipe(new PipeOptions(readerScheduler: chosen, writerScheduler: chosen, pauseWriterThreshold: 0, useSynchronizationContext: false));
        _toClient = new Pipe(new PipeOptions(
            readerScheduler: chosen,
            writerScheduler: chosen,
            pauseWriterThreshold: pauseWriterThreshold,
            resumeWriterThreshold: pauseWriterThreshold / 2,
            useSynchronizationContext: false));
        Client = new DuplexPipe(_toClient.Reader, _toServer.Writer);
    }

    /// <summary>The client's end: its input carries the replies, its output the requests.</summary>
    public IDuplexPipe Client { get; }

    /// <summary>Completes when the connection cut the link (<see cref="IConnectionTransport.Abort"/>).</summary>
    public Task Aborted => _aborted.Task;

    /// <summary>How many times the connection half-closed and drained.</summary>
    public int HalfClosed { get; private set; }

    PipeReader IConnectionTransport.Input => _toServer.Reader;

    PipeWriter IConnectionTransport.Output => _toClient.Writer;

    EndPoint? IConnectionTransport.RemoteEndPoint => null;

    long IConnectionTransport.LastWriteProgress => Volatile.Read(ref _lastWriteProgress);

    /// <summary>Says that the client accepted reply bytes at <paramref name="timestamp"/>, as a socket's waiting write would.</summary>
    public void NoteWriteProgress(long timestamp) => Volatile.Write(ref _lastWriteProgress, timestamp);

    void IConnectionTransport.Abort()
    {
        var cut = new IOException("The link was cut.");
        _toServer.Reader.CancelPendingRead();
        _toClient.Writer.CancelPendingFlush();
        _toServer.Writer.Complete(cut);
        _toClient.Reader.Complete(cut);
        _aborted.TrySetResult();
    }

    ValueTask IConnectionTransport.HalfCloseAndDrainAsync(CancellationToken cancellationToken)
    {
        HalfClosed++;
        return ValueTask.CompletedTask;
    }

    void IDisposable.Dispose()
    {
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
