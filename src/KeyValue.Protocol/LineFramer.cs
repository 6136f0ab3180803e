using System.Buffers;

namespace KeyValue.Protocol;

/// <summary>
/// Cuts one LF-terminated line off the front of a buffer. The LF is searched for only within the first
/// <c>maxLineBytes + 2</c> bytes (the longest line plus CR LF), so an overlong line is reported as soon as
/// enough bytes have arrived to know it, without buffering the rest of it.
/// </summary>
internal static class LineFramer
{
    private const byte LineFeed = (byte)'\n';
    private const byte CarriageReturn = (byte)'\r';

    /// <summary>
    /// On <see cref="LineStatus.Line"/>, <paramref name="line"/> is the content without LF and without a CR just
    /// before it, and <paramref name="buffer"/> is advanced past the LF. Otherwise <paramref name="buffer"/> is unchanged.
    /// </summary>
    public static LineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLineBytes, out ReadOnlySequence<byte> line)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        line = default;

        if (buffer.IsSingleSegment)
        {
            return TryReadLine(ref buffer, buffer.FirstSpan, maxLineBytes, out line);
        }

        SequencePosition? lineFeed = buffer.Slice(0, Math.Min(buffer.Length, maxLineBytes + 2L)).PositionOf(LineFeed);
        if (lineFeed is null)
        {
            return IsKnownTooLong(buffer, maxLineBytes) ? LineStatus.TooLong : LineStatus.NeedMoreData;
        }

        ReadOnlySequence<byte> raw = buffer.Slice(0, lineFeed.Value);
        ReadOnlySequence<byte> content = EndsWithCarriageReturn(raw) ? raw.Slice(0, raw.Length - 1) : raw;
        if (content.Length > maxLineBytes)
        {
            return LineStatus.TooLong;
        }

        line = content;
        buffer = buffer.Slice(buffer.GetPosition(1, lineFeed.Value));
        return LineStatus.Line;
    }

    // The common case, the whole buffer in one segment: plain span searches and integer slicing.
    private static LineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, ReadOnlySpan<byte> span, int maxLineBytes, out ReadOnlySequence<byte> line)
    {
        line = default;
        int window = (int)Math.Min(span.Length, maxLineBytes + 2L);
        int lineFeed = span[..window].IndexOf(LineFeed);
        if (lineFeed < 0)
        {
            return IsKnownTooLong(buffer, maxLineBytes) ? LineStatus.TooLong : LineStatus.NeedMoreData;
        }

        int contentLength = lineFeed > 0 && span[lineFeed - 1] == CarriageReturn ? lineFeed - 1 : lineFeed;
        if (contentLength > maxLineBytes)
        {
            return LineStatus.TooLong;
        }

        line = buffer.Slice(0, contentLength);
        buffer = buffer.Slice(lineFeed + 1);
        return LineStatus.Line;
    }

    // No LF among the bytes searched. The line is certainly too long once byte [max] exists and is not a CR
    // (the content already has max + 1 bytes), or once bytes [max] and [max + 1] exist (no CR LF can end it in time).
    private static bool IsKnownTooLong(ReadOnlySequence<byte> buffer, int maxLineBytes)
    {
        if (buffer.Length >= maxLineBytes + 2L)
        {
            return true;
        }

        return buffer.Length == maxLineBytes + 1L && ByteAt(buffer, maxLineBytes) != CarriageReturn;
    }

    private static bool EndsWithCarriageReturn(ReadOnlySequence<byte> raw) =>
        raw.Length > 0 && ByteAt(raw, raw.Length - 1) == CarriageReturn;

    private static byte ByteAt(ReadOnlySequence<byte> sequence, long index) =>
        sequence.IsSingleSegment ? sequence.FirstSpan[(int)index] : sequence.Slice(index, 1).FirstSpan[0];
}
