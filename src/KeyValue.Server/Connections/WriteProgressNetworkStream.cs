using System.Net.Sockets;

namespace KeyValue.Server.Connections;

/// <summary>
/// A <see cref="NetworkStream"/> that notes when a write that had to wait for the client completes: the idle timeout's
/// evidence that a client still accepts replies, however slowly. A write that completes at once costs one check.
/// </summary>
internal sealed class WriteProgressNetworkStream : NetworkStream
{
    private readonly TimeProvider _timeProvider;
    private long _lastProgress;

    public WriteProgressNetworkStream(Socket socket, TimeProvider timeProvider)
        : base(socket, ownsSocket: true)
    {
        _timeProvider = timeProvider;
    }

    /// <summary>When the last waiting write completed (a <see cref="TimeProvider"/> timestamp); 0 for never.</summary>
    public long LastProgress => Volatile.Read(ref _lastProgress);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ValueTask write = base.WriteAsync(buffer, cancellationToken);
        return write.IsCompletedSuccessfully ? write : NoteProgressAsync(write);
    }

    private async ValueTask NoteProgressAsync(ValueTask write)
    {
        await write.ConfigureAwait(false);
        Volatile.Write(ref _lastProgress, _timeProvider.GetTimestamp());
    }
}
