using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Server.Store;

/// <summary>
/// Compares stored entries by their key only, and lets the store look an entry up by a key span, so a
/// GET never copies the key out of the network buffer.
/// </summary>
internal sealed class StoredEntryComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
{
    public static StoredEntryComparer Instance { get; } = new();

    private StoredEntryComparer()
    {
    }

    public bool Equals(byte[]? x, byte[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && StoredEntry.Key(x).SequenceEqual(StoredEntry.Key(y)));

    public int GetHashCode([DisallowNull] byte[] obj) => Hash(StoredEntry.Key(obj));

    public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(StoredEntry.Key(other));

    public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

    // An entry needs its value too, so the store always adds whole entries, never bare keys.
    public byte[] Create(ReadOnlySpan<byte> alternate) =>
        throw new NotSupportedException("Entries are created with StoredEntry.Create, which needs the value too.");

    // HashCode is seeded per process, so a client cannot pick keys that all collide.
    public static int Hash(ReadOnlySpan<byte> key)
    {
        var hash = default(HashCode);
        hash.AddBytes(key);
        return hash.ToHashCode();
    }
}
