using System.Text;
using KeyValue.Server.Store;

namespace KeyValue.Server.Tests.Store;

public class KeyValueStoreTests
{
    [Fact]
    public void TryGet_MissingKey_ReturnsFalse()
    {
        var store = new KeyValueStore();

        Assert.False(store.TryGet("absent"u8, out _));
    }

    [Fact]
    public void Set_ThenTryGet_ReturnsTheValueByContentNotByReference()
    {
        var store = new KeyValueStore();
        byte[] key = Encoding.ASCII.GetBytes("k1");

        store.Set(key, [1, 2, 3]);
        key[0] = (byte)'x'; // the store copied the key

        Assert.True(store.TryGet("k1"u8, out byte[]? value));
        Assert.Equal([1, 2, 3], value);
        Assert.False(store.TryGet("x1"u8, out _));
    }

    [Fact]
    public void Set_ExistingKey_ReplacesTheValueAndKeepsOneKey()
    {
        var store = new KeyValueStore();

        store.Set("k"u8, [1]);
        store.Set("k"u8, [2]);

        Assert.True(store.TryGet("k"u8, out byte[]? value));
        Assert.Equal([2], value);
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Keys_AreCaseSensitive()
    {
        var store = new KeyValueStore();

        store.Set("Key"u8, [1]);

        Assert.False(store.TryGet("key"u8, out _));
        Assert.True(store.TryGet("Key"u8, out _));
    }

    [Fact]
    public void Delete_ReportsWhetherTheKeyExisted()
    {
        var store = new KeyValueStore();
        store.Set("k"u8, [1]);

        Assert.True(store.Delete("k"u8));
        Assert.False(store.Delete("k"u8));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void TryGet_SteadyState_AllocatesNothing()
    {
        var store = new KeyValueStore();
        store.Set("some-key"u8, [1, 2, 3]);
        ReadOnlySpan<byte> key = "some-key"u8;
        store.TryGet(key, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            store.TryGet(key, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
