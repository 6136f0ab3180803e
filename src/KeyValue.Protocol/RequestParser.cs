using System.Buffers;
using System.Text;

namespace KeyValue.Protocol;

/// <summary>
/// Parses request lines. Pure and synchronous: it knows nothing of sockets, and allocates nothing (a long line
/// split across buffer segments borrows a pooled array for the duration of the call).
/// </summary>
public static class RequestParser
{
    private const byte Space = (byte)' ';
    private const byte Tab = (byte)'\t';
    private const byte CarriageReturn = (byte)'\r';
    private const int StackCopyBytes = 256;

    /// <summary>
    /// Parses the first line in <paramref name="buffer"/>. On <see cref="RequestParseStatus.Request"/>,
    /// <see cref="RequestParseStatus.BlankLine"/> and <see cref="RequestParseStatus.Error"/> the line is consumed:
    /// <paramref name="buffer"/> is advanced past its LF. On <see cref="RequestParseStatus.NeedMoreData"/> and
    /// <see cref="RequestParseStatus.LineTooLong"/> the buffer is unchanged.
    /// </summary>
    /// <param name="buffer">The unread bytes; advanced past the line when one is consumed.</param>
    /// <param name="maxLineBytes">Longest line without its LF or CRLF terminator (default <see cref="ProtocolLimits.DefaultMaxLineBytes"/>).</param>
    /// <param name="request">The request; its slices point into <paramref name="buffer"/>'s memory.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLineBytes"/> is less than 1.</exception>
    public static RequestParseStatus TryParse(ref ReadOnlySequence<byte> buffer, int maxLineBytes, out ParsedRequest request)
    {
        switch (LineFramer.TryReadLine(ref buffer, maxLineBytes, out ReadOnlySequence<byte> line))
        {
            case LineStatus.NeedMoreData:
                request = default;
                return RequestParseStatus.NeedMoreData;
            case LineStatus.TooLong:
                request = new ParsedRequest(CommandKind.None, default, default, default, RequestProblem.LineTooLong);
                return RequestParseStatus.LineTooLong;
            default:
                return ParseLine(line, out request);
        }
    }

    /// <summary>Parses one line whose terminator has already been removed.</summary>
    internal static RequestParseStatus ParseLine(ReadOnlySequence<byte> line, out ParsedRequest request)
    {
        if (line.IsSingleSegment)
        {
            return ParseLine(line, line.FirstSpan, out request);
        }

        // A line split across segments (rare: only at a segment boundary) is tokenized in a copy, on the stack
        // when short, else in a pooled buffer; the request's slices still point into the caller's buffer.
        int length = (int)line.Length;
        if (length <= StackCopyBytes)
        {
            Span<byte> shortText = stackalloc byte[StackCopyBytes];
            line.CopyTo(shortText);
            return ParseLine(line, shortText[..length], out request);
        }

        byte[] copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> text = copy.AsSpan(0, length);
            line.CopyTo(text);
            return ParseLine(line, text, out request);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    // Tokenizes the line's bytes (text) by offset, then slices the sequence (line) at the same offsets.
    private static RequestParseStatus ParseLine(ReadOnlySequence<byte> line, ReadOnlySpan<byte> text, out ParsedRequest request)
    {
        int verbStart = SkipBlanks(text, 0);
        if (verbStart == text.Length)
        {
            request = new ParsedRequest(CommandKind.None, default, default, line, RequestProblem.None);
            return RequestParseStatus.BlankLine;
        }

        int verbEnd = TokenEnd(text, verbStart);
        CommandKind command = IdentifyVerb(text[verbStart..verbEnd]);
        if (command == CommandKind.None)
        {
            return Reject(line, command, RequestProblem.UnknownCommand, out request);
        }

        int argumentStart = SkipBlanks(text, verbEnd);
        switch (command)
        {
            case CommandKind.Ping or CommandKind.Quit or CommandKind.Help:
                if (argumentStart != text.Length)
                {
                    return Reject(line, command, RequestProblem.WrongArgumentCount, out request);
                }

                request = new ParsedRequest(command, default, default, line, RequestProblem.None);
                return RequestParseStatus.Request;

            case CommandKind.Get or CommandKind.Del:
            {
                int keyEnd = TokenEnd(text, argumentStart);
                if (keyEnd == argumentStart || SkipBlanks(text, keyEnd) != text.Length)
                {
                    return Reject(line, command, RequestProblem.WrongArgumentCount, out request);
                }

                return Accept(line, text, command, argumentStart, keyEnd, valueStart: text.Length, out request);
            }

            default:
            {
                int keyEnd = TokenEnd(text, argumentStart);
                if (keyEnd == argumentStart)
                {
                    return Reject(line, command, RequestProblem.WrongArgumentCount, out request);
                }

                int valueStart = SkipBlanks(text, keyEnd);
                if (valueStart == text.Length)
                {
                    return Reject(line, command, RequestProblem.EmptyValue, out request);
                }

                return Accept(line, text, command, argumentStart, keyEnd, valueStart, out request);
            }
        }
    }

    // The value, if any, runs from valueStart to the end of the line.
    private static RequestParseStatus Accept(
        ReadOnlySequence<byte> line,
        ReadOnlySpan<byte> text,
        CommandKind command,
        int keyStart,
        int keyEnd,
        int valueStart,
        out ParsedRequest request)
    {
        ReadOnlySpan<byte> key = text[keyStart..keyEnd];
        if (key.Length > ProtocolLimits.MaxKeyBytes)
        {
            return Reject(line, command, RequestProblem.KeyTooLong, out request);
        }

        if (key.Contains(CarriageReturn))
        {
            return Reject(line, command, RequestProblem.KeyHasCarriageReturn, out request);
        }

        ReadOnlySequence<byte> value = valueStart == text.Length ? default : line.Slice(valueStart);
        request = new ParsedRequest(command, line.Slice(keyStart, key.Length), value, line, RequestProblem.None);
        return RequestParseStatus.Request;
    }

    private static RequestParseStatus Reject(
        ReadOnlySequence<byte> line,
        CommandKind command,
        RequestProblem problem,
        out ParsedRequest request)
    {
        request = new ParsedRequest(command, default, default, line, problem);
        return RequestParseStatus.Error;
    }

    // The index of the first byte at or after start that is not a space or tab; text.Length if none.
    private static int SkipBlanks(ReadOnlySpan<byte> text, int start)
    {
        int offset = text[start..].IndexOfAnyExcept(Space, Tab);
        return offset < 0 ? text.Length : start + offset;
    }

    // The index of the first space or tab at or after start; text.Length if none.
    private static int TokenEnd(ReadOnlySpan<byte> text, int start)
    {
        int offset = text[start..].IndexOfAny(Space, Tab);
        return offset < 0 ? text.Length : start + offset;
    }

    private static CommandKind IdentifyVerb(ReadOnlySpan<byte> verb) => verb.Length switch
    {
        3 when Ascii.EqualsIgnoreCase(verb, "GET"u8) => CommandKind.Get,
        3 when Ascii.EqualsIgnoreCase(verb, "SET"u8) => CommandKind.Set,
        3 when Ascii.EqualsIgnoreCase(verb, "DEL"u8) => CommandKind.Del,
        4 when Ascii.EqualsIgnoreCase(verb, "PING"u8) => CommandKind.Ping,
        4 when Ascii.EqualsIgnoreCase(verb, "QUIT"u8) => CommandKind.Quit,
        4 when Ascii.EqualsIgnoreCase(verb, "HELP"u8) => CommandKind.Help,
        _ => CommandKind.None,
    };
}
