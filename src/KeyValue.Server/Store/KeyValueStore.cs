using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Server.Store;

/// <summary>
/// The thread-safe byte-key, byte-value store. It knows nothing of the network or of faults.
/// Stored arrays are never mutated after they are stored, so a value handed out by
/// <see cref="TryGet"/> can be written to a socket while another connection replaces it.
/// </summary>
internal sealed class KeyValueStore
{
    private readonly ConcurrentDictionary<byte[], byte[]> _entries = new(ByteKeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], byte[]>.AlternateLookup<ReadOnlySpan<byte>> _bySpan;

    public KeyValueStore()
    {
        _bySpan = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>The number of keys; it briefly locks the whole dictionary, so it is for status, not the hot path.</summary>
    public int Count => _entries.Count;

    public bool TryGet(ReadOnlySpan<byte> key, [MaybeNullWhen(false)] out byte[] value) =>
        _bySpan.TryGetValue(key, out value);

    /// <summary>Stores <paramref name="value"/> (which the caller hands over and must not change); the key is copied only when it is new.</summary>
    public void Set(ReadOnlySpan<byte> key, byte[] value) => _bySpan[key] = value;

    public bool Delete(ReadOnlySpan<byte> key) => _bySpan.TryRemove(key, out _, out _);
}
