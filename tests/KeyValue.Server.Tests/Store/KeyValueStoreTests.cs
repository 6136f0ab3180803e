using System.Buffers;
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
        byte[] value = [1, 2, 3];

        store.Set(key, new ReadOnlySequence<byte>(value));
        key[0] = (byte)'x'; // the store copied the key...
        value[0] = 9;       // ...and the value

        Assert.True(store.TryGet("k1"u8, out ReadOnlyMemory<byte> stored));
        Assert.Equal([1, 2, 3], stored.ToArray());
        Assert.False(store.TryGet("x1"u8, out _));
    }

    [Fact]
    public void Set_ExistingKey_ReplacesTheValueAndKeepsOneKey()
    {
        var store = new KeyValueStore();

        store.Set("k"u8, Sequence(1));
        store.Set("k"u8, Sequence(2, 2));

        Assert.True(store.TryGet("k"u8, out ReadOnlyMemory<byte> value));
        Assert.Equal([2, 2], value.ToArray());
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Set_ValueInSeveralSegments_StoredWhole()
    {
        var store = new KeyValueStore();
        var first = new Segment([1, 2]);
        Segment last = first.Append([3]).Append([4, 5]);

        store.Set("k"u8, new ReadOnlySequence<byte>(first, 0, last, 2));

        Assert.True(store.TryGet("k"u8, out ReadOnlyMemory<byte> value));
        Assert.Equal([1, 2, 3, 4, 5], value.ToArray());
    }

    [Fact]
    public void Keys_AreCaseSensitive_AndAnyLengthUpTo1024()
    {
        var store = new KeyValueStore();
        byte[] longKey = Enumerable.Repeat((byte)'k', 1024).ToArray();

        store.Set("Key"u8, Sequence(1));
        store.Set(longKey, Sequence(2));

        Assert.False(store.TryGet("key"u8, out _));
        Assert.True(store.TryGet("Key"u8, out _));
        Assert.True(store.TryGet(longKey, out ReadOnlyMemory<byte> value));
        Assert.Equal([2], value.ToArray());
    }

    [Fact]
    public void Delete_ReportsWhetherTheKeyExisted()
    {
        var store = new KeyValueStore();
        store.Set("k"u8, Sequence(1));

        Assert.True(store.Delete("k"u8));
        Assert.False(store.Delete("k"u8));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Count_ManyKeysAcrossShards_CountsEachOnce()
    {
        var store = new KeyValueStore();
        for (int i = 0; i < 10_000; i++)
        {
            store.Set(Encoding.ASCII.GetBytes($"key:{i}"), Sequence(1));
        }

        for (int i = 0; i < 10_000; i += 2)
        {
            store.Set(Encoding.ASCII.GetBytes($"key:{i}"), Sequence(2));
        }

        Assert.Equal(10_000, store.Count);
    }

    [Fact]
    public async Task TryGet_WhileAnotherThreadReplacesTheValue_NeverMissingNeverTorn()
    {
        var store = new KeyValueStore();
        store.Set("k"u8, Sequence(0, 0, 0, 0));
        using var done = new CancellationTokenSource();

        Task writer = Task.Run(() =>
        {
            for (byte i = 0; !done.IsCancellationRequested; i++)
            {
                store.Set("k"u8, Sequence(i, i, i, i));
            }
        });

        for (int read = 0; read < 200_000; read++)
        {
            Assert.True(store.TryGet("k"u8, out ReadOnlyMemory<byte> value));
            ReadOnlySpan<byte> bytes = value.Span;
            Assert.True(bytes.Length == 4 && bytes[0] == bytes[3], "A value was seen half replaced.");
        }

        await done.CancelAsync();
        await writer.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void TryGet_SteadyState_AllocatesNothing()
    {
        var store = new KeyValueStore();
        store.Set("some-key"u8, Sequence(1, 2, 3));
        store.TryGet("some-key"u8, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1_000; i++)
        {
            store.TryGet("some-key"u8, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static ReadOnlySequence<byte> Sequence(params byte[] bytes) => new(bytes);

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes)
        {
            Memory = bytes;
        }

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
