using System.Buffers;
using System.Buffers.Binary;

namespace KeyValue.Server.Store;

/// <summary>
/// One key and its value in a single array — <c>[key length: 2 bytes][key][value]</c> — so that a stored
/// pair costs one object, not three. An entry is never changed once stored: a SET stores a new one.
/// </summary>
internal static class StoredEntry
{
    private const int HeaderBytes = sizeof(ushort);

    public static byte[] Create(ReadOnlySpan<byte> key, in ReadOnlySequence<byte> value)
    {
        var entry = new byte[HeaderBytes + key.Length + value.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(entry, checked((ushort)key.Length));
        key.CopyTo(entry.AsSpan(HeaderBytes));
        value.CopyTo(entry.AsSpan(HeaderBytes + key.Length));
        return entry;
    }

    public static ReadOnlySpan<byte> Key(byte[] entry) => entry.AsSpan(HeaderBytes, KeyLength(entry));

    public static ReadOnlyMemory<byte> Value(byte[] entry) => entry.AsMemory(HeaderBytes + KeyLength(entry));

    private static int KeyLength(byte[] entry) => BinaryPrimitives.ReadUInt16LittleEndian(entry);
}
