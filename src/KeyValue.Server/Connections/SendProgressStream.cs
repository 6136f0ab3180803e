namespace KeyValue.Server.Connections;

/// <summary>
/// Wraps the connection's network stream and notes when the socket last accepted bytes, so the idle timeout can
/// tell a flush that is making progress (a slow reader) from one blocked on a client that stopped reading.
/// Writes are handed to the socket in slices of <see cref="SliceBytes"/>: one huge reply shows progress per
/// slice rather than only once the whole of it is sent.
/// </summary>
internal sealed class SendProgressStream : Stream
{
    private const int SliceBytes = 64 * 1024;

    private readonly Stream _inner;
    private readonly TimeProvider _timeProvider;
    private long _lastSendTimestamp;

    public SendProgressStream(Stream inner, TimeProvider timeProvider)
    {
        _inner = inner;
        _timeProvider = timeProvider;
        _lastSendTimestamp = timeProvider.GetTimestamp();
    }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> of the last write the socket accepted; read from the idle timer's thread.</summary>
    public long LastSendTimestamp => Interlocked.Read(ref _lastSendTimestamp);

    public override bool CanRead => _inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => _inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.Length <= SliceBytes)
        {
            ValueTask write = _inner.WriteAsync(buffer, cancellationToken);
            if (write.IsCompletedSuccessfully)
            {
                // The common case stays synchronous: no state machine, no allocation.
                NoteSent();
                return default;
            }

            return NoteWhenDoneAsync(write);
        }

        return WriteSlicedAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count)
    {
        _inner.Write(buffer, offset, count);
        NoteSent();
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override void Flush() => _inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask NoteWhenDoneAsync(ValueTask write)
    {
        await write.ConfigureAwait(false);
        NoteSent();
    }

    private void NoteSent() => Interlocked.Exchange(ref _lastSendTimestamp, _timeProvider.GetTimestamp());

    private async ValueTask WriteSlicedAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        while (!buffer.IsEmpty)
        {
            ReadOnlyMemory<byte> slice = buffer[..Math.Min(SliceBytes, buffer.Length)];
            await _inner.WriteAsync(slice, cancellationToken).ConfigureAwait(false);
            NoteSent();
            buffer = buffer[slice.Length..];
        }
    }
}
