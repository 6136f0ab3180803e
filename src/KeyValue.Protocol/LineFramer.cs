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

        long window = Math.Min(buffer.Length, maxLineBytes + 2L);
        SequencePosition? lineFeed = buffer.IsSingleSegment
            ? IndexToPosition(buffer, buffer.FirstSpan[..(int)window].IndexOf(LineFeed))
            : buffer.Slice(0, window).PositionOf(LineFeed);

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

    private static SequencePosition? IndexToPosition(ReadOnlySequence<byte> buffer, int index) =>
        index < 0 ? null : buffer.GetPosition(index);

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
