using KeyValue.Server.Store;

namespace KeyValue.Server.Tests.Store;

public class ByteKeyComparerTests
{
    [Fact]
    public void GetHashCode_SpanAndArrayOfSameBytes_Agree()
    {
        var comparer = ByteKeyComparer.Instance;
        byte[] key = [1, 2, 3, 4];

        Assert.Equal(comparer.GetHashCode(key), comparer.GetHashCode((ReadOnlySpan<byte>)key));
        Assert.True(comparer.Equals((ReadOnlySpan<byte>)[1, 2, 3, 4], key));
        Assert.False(comparer.Equals((ReadOnlySpan<byte>)[1, 2, 3], key));
    }

    [Fact]
    public void Equals_ComparesContent()
    {
        var comparer = ByteKeyComparer.Instance;

        Assert.True(comparer.Equals([1, 2], [1, 2]));
        Assert.False(comparer.Equals([1, 2], [2, 1]));
        Assert.False(comparer.Equals((byte[])[1, 2], (byte[]?)null));
    }

    [Fact]
    public void Create_CopiesTheSpan()
    {
        byte[] source = [7, 8];

        byte[] created = ByteKeyComparer.Instance.Create(source);
        source[0] = 0;

        Assert.Equal([7, 8], created);
    }
}
