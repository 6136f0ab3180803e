using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Server.Trace;

/// <summary>
/// A copy of a request's key, taken on the request path because the connection's buffer is reused once the request is
/// answered. Keys up to <see cref="InlineCapacity"/> bytes live in the record itself; a longer key (up to 1,024 bytes)
/// is copied into a pooled array that <see cref="Release"/> gives back.
/// </summary>
internal struct TraceKey
{
    /// <summary>Keys up to this many bytes are stored inline (kvload's are 16, the demo's 2).</summary>
    public const int InlineCapacity = 48;

    private TraceKeyBytes _inline;
    private byte[]? _rented;
    private int _length;

    /// <summary>The key's bytes; valid until <see cref="Release"/>.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<byte> Span =>
        _rented is null ? ((ReadOnlySpan<byte>)_inline)[.._length] : _rented.AsSpan(0, _length);

    /// <summary>Whether the key is in a pooled array that <see cref="Release"/> must give back.</summary>
    public readonly bool IsPooled => _rented is not null;

    /// <summary>A copy of <paramref name="key"/>.</summary>
    public static TraceKey Copy(ReadOnlySpan<byte> key)
    {
        var copy = default(TraceKey);
        copy.Set(key);
        return copy;
    }

    /// <summary>Makes this a copy of <paramref name="key"/>, in place (the record lives in a batch's array: no struct copy).</summary>
    public void Set(ReadOnlySpan<byte> key)
    {
        _length = key.Length;
        if (key.Length <= InlineCapacity)
        {
            _rented = null;
            key.CopyTo(_inline);
        }
        else
        {
            _rented = ArrayPool<byte>.Shared.Rent(key.Length);
            key.CopyTo(_rented);
        }
    }

    /// <summary>Gives a pooled array back; the key is empty afterwards.</summary>
    public void Release()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }

        _length = 0;
    }
}
