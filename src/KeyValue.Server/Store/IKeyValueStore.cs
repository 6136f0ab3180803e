using System.Buffers;

namespace KeyValue.Server.Store;

/// <summary>
/// What the request path needs of the store: byte keys, byte values, thread-safe. A value handed out by
/// <see cref="TryGet"/> must stay valid after the call (a concurrent SET stores a new one rather than change it), so the
/// reply can be written after the store's lock is released.
/// </summary>
internal interface IKeyValueStore
{
    /// <summary>The number of keys; for STATUS, not for the hot path.</summary>
    int Count { get; }

    bool TryGet(ReadOnlySpan<byte> key, out ReadOnlyMemory<byte> value);

    void Set(ReadOnlySpan<byte> key, in ReadOnlySequence<byte> value);

    bool Delete(ReadOnlySpan<byte> key);
}
