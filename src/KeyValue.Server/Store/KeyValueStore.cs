using System.Buffers;

namespace KeyValue.Server.Store;

/// <summary>
/// The thread-safe byte-key, byte-value store. It knows nothing of the network or of faults.
/// Keys are spread over shards, each a hash set of <see cref="StoredEntry"/> arrays behind its own
/// lock: one object per pair keeps memory close to what the bytes need, and a replaced value is one
/// remove and one add under the lock, so readers never see a key missing in between. Stored arrays
/// never change, so a value handed out by <see cref="TryGet"/> can be written to a socket after the
/// lock is released while another connection replaces it.
/// </summary>
internal sealed class KeyValueStore : IKeyValueStore
{
    // 64 shards, well above the core count: contention stays rare and shards stay small.
    private const int ShardBits = 6;
    private const int ShardCount = 1 << ShardBits;

    private readonly Shard[] _shards;

    public KeyValueStore()
    {
        _shards = new Shard[ShardCount];
        for (int i = 0; i < _shards.Length; i++)
        {
            _shards[i] = new Shard();
        }
    }

    /// <summary>The number of keys; it visits every shard, so it is for status, not the hot path.</summary>
    public int Count
    {
        get
        {
            int count = 0;
            foreach (Shard shard in _shards)
            {
                lock (shard.Lock)
                {
                    count += shard.Entries.Count;
                }
            }

            return count;
        }
    }

    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlyMemory<byte> value)
    {
        Shard shard = ShardFor(key);
        byte[]? entry;
        lock (shard.Lock)
        {
            if (!shard.ByKey.TryGetValue(key, out entry))
            {
                value = default;
                return false;
            }
        }

        value = StoredEntry.Value(entry);
        return true;
    }

    /// <summary>Stores the pair; the only allocation is the one array that holds key and value.</summary>
    public void Set(ReadOnlySpan<byte> key, in ReadOnlySequence<byte> value)
    {
        byte[] entry = StoredEntry.Create(key, value);
        Shard shard = ShardFor(key);
        lock (shard.Lock)
        {
            shard.ByKey.Remove(key);
            shard.Entries.Add(entry);
        }
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        Shard shard = ShardFor(key);
        lock (shard.Lock)
        {
            return shard.ByKey.Remove(key);
        }
    }

    private Shard ShardFor(ReadOnlySpan<byte> key)
    {
        // The set mixes the same hash into its own buckets; the shard takes high bits so both stay spread.
        uint hash = (uint)StoredEntryComparer.Hash(key);
        return _shards[hash >> (32 - ShardBits)];
    }

    private sealed class Shard
    {
        public Shard()
        {
            ByKey = Entries.GetAlternateLookup<ReadOnlySpan<byte>>();
        }

        public Lock Lock { get; } = new();

        public HashSet<byte[]> Entries { get; } = new(StoredEntryComparer.Instance);

        public HashSet<byte[]>.AlternateLookup<ReadOnlySpan<byte>> ByKey { get; }
    }
}
