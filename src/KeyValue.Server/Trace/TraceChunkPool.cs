namespace KeyValue.Server.Trace;

/// <summary>
/// The chunks connections format their lines into, kept for reuse: most recently returned first, so that a chunk taken
/// is one still in cache, and enough of them for every chunk in flight, so that steady tracing allocates nothing. (The
/// shared array pool keeps a few dozen arrays per core; under load hundreds are in flight, and the rest were allocated and
/// collected again and again.)
/// </summary>
internal sealed class TraceChunkPool
{
    /// <summary>The size of a pooled chunk: a read of 16 pipelined requests fills about 3 KiB.</summary>
    public const int ChunkBytes = 4096;

    private readonly Lock _lock = new();
    private readonly Stack<byte[]> _free = new();
    private readonly int _maxPooled;

    /// <param name="maxPooled">The most chunks kept; more returned are left to the GC.</param>
    public TraceChunkPool(int maxPooled)
    {
        _maxPooled = maxPooled;
    }

    /// <summary>A chunk of at least <paramref name="minimumLength"/> bytes: a pooled one when that is big enough.</summary>
    public byte[] Rent(int minimumLength)
    {
        if (minimumLength > ChunkBytes)
        {
            // A line longer than a chunk (a long escaped key, a long PATTERN): rare, not worth keeping.
            return new byte[minimumLength];
        }

        lock (_lock)
        {
            if (_free.TryPop(out byte[]? chunk))
            {
                return chunk;
            }
        }

        return new byte[ChunkBytes];
    }

    /// <summary>Keeps a chunk for reuse (one of another size, or beyond the limit, is let go).</summary>
    public void Return(byte[] chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Length != ChunkBytes)
        {
            return;
        }

        lock (_lock)
        {
            if (_free.Count < _maxPooled)
            {
                _free.Push(chunk);
            }
        }
    }
}
