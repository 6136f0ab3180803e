using System.Buffers;
using System.Text;
using KeyValue.Server.Store;

namespace KeyValue.Server.Tests.Support;

/// <summary>A store in a dictionary, that counts what it is asked: for testing the stages before it without the real one.</summary>
internal sealed class FakeKeyValueStore : IKeyValueStore
{
    private readonly Dictionary<string, byte[]> _pairs = [];

    public int Count => _pairs.Count;

    public int Sets { get; private set; }

    public int Calls { get; private set; }

    public string? this[string key] => _pairs.TryGetValue(key, out byte[]? value) ? Encoding.UTF8.GetString(value) : null;

    public bool TryGet(ReadOnlySpan<byte> key, out ReadOnlyMemory<byte> value)
    {
        Calls++;
        bool found = _pairs.TryGetValue(Encoding.UTF8.GetString(key), out byte[]? stored);
        value = stored;
        return found;
    }

    public void Set(ReadOnlySpan<byte> key, in ReadOnlySequence<byte> value)
    {
        Calls++;
        Sets++;
        _pairs[Encoding.UTF8.GetString(key)] = value.ToArray();
    }

    public bool Delete(ReadOnlySpan<byte> key)
    {
        Calls++;
        return _pairs.Remove(Encoding.UTF8.GetString(key));
    }
}
