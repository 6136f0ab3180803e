using System.Buffers;
using KeyValue.Server.Store;

namespace KeyValue.Server.Tests.Store;

public class StoredEntryComparerTests
{
    [Fact]
    public void Equals_EntriesWithTheSameKeyAndDifferentValues_AreEqual()
    {
        var comparer = StoredEntryComparer.Instance;
        byte[] first = Entry("key", [1]);
        byte[] second = Entry("key", [2, 2]);

        Assert.True(comparer.Equals(first, second));
        Assert.Equal(comparer.GetHashCode(first), comparer.GetHashCode(second));
        Assert.False(comparer.Equals(first, Entry("kez", [1])));
        Assert.False(comparer.Equals(first, null));
    }

    [Fact]
    public void GetHashCode_SpanOfTheKey_AgreesWithTheEntry()
    {
        var comparer = StoredEntryComparer.Instance;
        byte[] entry = Entry("key", [1, 2, 3]);

        Assert.Equal(comparer.GetHashCode(entry), comparer.GetHashCode("key"u8));
        Assert.True(comparer.Equals("key"u8, entry));
        Assert.False(comparer.Equals("ke"u8, entry));
        Assert.False(comparer.Equals("key\u0001"u8, entry)); // the value is not part of the key
    }

    [Fact]
    public void StoredEntry_KeyAndValue_RoundTrip()
    {
        byte[] entry = Entry("a key", [9, 8, 7]);

        Assert.Equal("a key"u8.ToArray(), StoredEntry.Key(entry).ToArray());
        Assert.Equal([9, 8, 7], StoredEntry.Value(entry).ToArray());
    }

    private static byte[] Entry(string key, byte[] value) =>
        StoredEntry.Create(System.Text.Encoding.ASCII.GetBytes(key), new ReadOnlySequence<byte>(value));
}
