using System.Buffers;
using System.Globalization;
using System.Text;

namespace KeyValue.Protocol;

/// <summary>Parses reply lines, for clients. Pure and synchronous.</summary>
public static class ReplyParser
{
    private const byte Space = (byte)' ';

    // long.MaxValue has 19 digits: a longer number cannot be a retry-after.
    private const int MaxRetryAfterDigits = 19;

    private static readonly long MaxRetryAfterMilliseconds = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;

    private static readonly byte[] RetryAfterToken = Encoding.ASCII.GetBytes(ProtocolText.RetryAfterToken);

    /// <summary>
    /// Parses the first line in <paramref name="buffer"/>. On <see cref="ReplyParseStatus.Reply"/> and
    /// <see cref="ReplyParseStatus.Malformed"/> the line is consumed: <paramref name="buffer"/> is advanced past its
    /// LF. On <see cref="ReplyParseStatus.NeedMoreData"/> and <see cref="ReplyParseStatus.LineTooLong"/> it is unchanged.
    /// Reply words are matched exactly (upper case), as the server sends them.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the line when one is consumed.</param>
    /// <param name="maxLineBytes">Longest line without its terminator; use at least the server's <c>--max-line-bytes</c>.</param>
    /// <param name="reply">The reply; its slices point into <paramref name="buffer"/>'s memory.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineBytes"/> is less than 1.</exception>
    public static ReplyParseStatus TryParse(ref ReadOnlySequence<byte> buffer, int maxLineBytes, out ParsedReply reply)
    {
        switch (LineFramer.TryReadLine(ref buffer, maxLineBytes, out ReadOnlySequence<byte> line))
        {
            case LineStatus.NeedMoreData:
                reply = default;
                return ReplyParseStatus.NeedMoreData;
            case LineStatus.TooLong:
                reply = default;
                return ReplyParseStatus.LineTooLong;
            default:
                reply = ParseLine(line);
                return reply.Kind == ReplyKind.None ? ReplyParseStatus.Malformed : ReplyParseStatus.Reply;
        }
    }

    private static ParsedReply ParseLine(ReadOnlySequence<byte> line)
    {
        if (Is(line, "PONG"u8))
        {
            return Simple(ReplyKind.Pong, line);
        }

        if (Is(line, "OK"u8))
        {
            return Simple(ReplyKind.Ok, line);
        }

        if (Is(line, "NOT_FOUND"u8))
        {
            return Simple(ReplyKind.NotFound, line);
        }

        if (Is(line, "DELETED"u8))
        {
            return Simple(ReplyKind.Deleted, line);
        }

        if (Is(line, "BYE"u8))
        {
            return Simple(ReplyKind.Bye, line);
        }

        if (StartsWith(line, "VALUE "u8))
        {
            return WithPayload(ReplyKind.Value, line, line.Slice("VALUE "u8.Length));
        }

        if (StartsWith(line, "OK "u8))
        {
            return WithPayload(ReplyKind.Help, line, line.Slice("OK "u8.Length));
        }

        if (StartsWith(line, "ERR "u8))
        {
            return ParseError(line, line.Slice("ERR "u8.Length));
        }

        return Malformed(line);
    }

    // ERR <CODE> <text>: the text may be missing; the code must be one we know.
    private static ParsedReply ParseError(ReadOnlySequence<byte> line, ReadOnlySequence<byte> rest)
    {
        SequencePosition? space = rest.PositionOf(Space);
        ReadOnlySequence<byte> codeName = space is null ? rest : rest.Slice(0, space.Value);
        ReadOnlySequence<byte> text = space is null ? default : rest.Slice(rest.GetPosition(1, space.Value));

        if (codeName.Length > 32)
        {
            return Malformed(line);
        }

        Span<byte> name = stackalloc byte[32];
        codeName.CopyTo(name);
        if (!ErrorCodes.TryParse(name[..(int)codeName.Length], out ErrorCode code))
        {
            return Malformed(line);
        }

        TimeSpan? retryAfter = code == ErrorCode.Unavailable ? ParseRetryAfter(text) : null;
        return new ParsedReply(ReplyKind.Error, code, text, line, retryAfter);
    }

    // retry-after=<milliseconds> at the start of an UNAVAILABLE text. The token is optional, so a text without a
    // well-formed one is still a valid reply: it just carries no retry-after.
    private static TimeSpan? ParseRetryAfter(ReadOnlySequence<byte> text)
    {
        if (!StartsWith(text, RetryAfterToken))
        {
            return null;
        }

        ReadOnlySequence<byte> rest = text.Slice(RetryAfterToken.Length);
        SequencePosition? space = rest.PositionOf(Space);
        ReadOnlySequence<byte> digits = space is null ? rest : rest.Slice(0, space.Value);
        if (digits.Length is 0 or > MaxRetryAfterDigits)
        {
            return null;
        }

        Span<byte> number = stackalloc byte[MaxRetryAfterDigits];
        digits.CopyTo(number);
        return long.TryParse(number[..(int)digits.Length], NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds)
            && milliseconds <= MaxRetryAfterMilliseconds
                ? TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond)
                : null;
    }

    private static ParsedReply Simple(ReplyKind kind, ReadOnlySequence<byte> line) =>
        new(kind, ErrorCode.None, default, line);

    private static ParsedReply WithPayload(ReplyKind kind, ReadOnlySequence<byte> line, ReadOnlySequence<byte> payload) =>
        payload.IsEmpty ? Malformed(line) : new ParsedReply(kind, ErrorCode.None, payload, line);

    private static ParsedReply Malformed(ReadOnlySequence<byte> line) => new(ReplyKind.None, ErrorCode.None, default, line);

    private static bool Is(ReadOnlySequence<byte> line, ReadOnlySpan<byte> word) =>
        line.Length == word.Length && StartsWith(line, word);

    private static bool StartsWith(ReadOnlySequence<byte> line, ReadOnlySpan<byte> prefix)
    {
        if (line.Length < prefix.Length)
        {
            return false;
        }

        if (line.FirstSpan.Length >= prefix.Length)
        {
            return line.FirstSpan.StartsWith(prefix);
        }

        Span<byte> head = stackalloc byte[prefix.Length];
        line.Slice(0, prefix.Length).CopyTo(head);
        return head.SequenceEqual(prefix);
    }
}
