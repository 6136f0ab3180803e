using System.Buffers;
using System.Text;

namespace KeyValue.Protocol;

/// <summary>
/// Parses request lines. Pure and synchronous: it knows nothing of sockets, and allocates nothing.
/// </summary>
public static class RequestParser
{
    private const byte Space = (byte)' ';
    private const byte Tab = (byte)'\t';
    private const byte CarriageReturn = (byte)'\r';
    private const int LongestVerbBytes = 4;

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
        var reader = new SequenceReader<byte>(line);
        reader.AdvancePastAny(Space, Tab);
        if (reader.End)
        {
            request = new ParsedRequest(CommandKind.None, default, default, line, RequestProblem.None);
            return RequestParseStatus.BlankLine;
        }

        CommandKind command = IdentifyVerb(ReadToken(ref reader));
        if (command == CommandKind.None)
        {
            return Reject(line, command, RequestProblem.UnknownCommand, out request);
        }

        reader.AdvancePastAny(Space, Tab);
        switch (command)
        {
            case CommandKind.Ping or CommandKind.Quit or CommandKind.Help:
                if (!reader.End)
                {
                    return Reject(line, command, RequestProblem.WrongArgumentCount, out request);
                }

                request = new ParsedRequest(command, default, default, line, RequestProblem.None);
                return RequestParseStatus.Request;

            case CommandKind.Get or CommandKind.Del:
            {
                ReadOnlySequence<byte> key = ReadToken(ref reader);
                reader.AdvancePastAny(Space, Tab);
                if (key.IsEmpty || !reader.End)
                {
                    return Reject(line, command, RequestProblem.WrongArgumentCount, out request);
                }

                return Accept(line, command, key, default, out request);
            }

            default:
            {
                ReadOnlySequence<byte> key = ReadToken(ref reader);
                if (key.IsEmpty)
                {
                    return Reject(line, command, RequestProblem.WrongArgumentCount, out request);
                }

                reader.AdvancePastAny(Space, Tab);
                ReadOnlySequence<byte> value = reader.UnreadSequence;
                if (value.IsEmpty)
                {
                    return Reject(line, command, RequestProblem.EmptyValue, out request);
                }

                return Accept(line, command, key, value, out request);
            }
        }
    }

    private static RequestParseStatus Accept(
        ReadOnlySequence<byte> line,
        CommandKind command,
        ReadOnlySequence<byte> key,
        ReadOnlySequence<byte> value,
        out ParsedRequest request)
    {
        if (key.Length > ProtocolLimits.MaxKeyBytes)
        {
            return Reject(line, command, RequestProblem.KeyTooLong, out request);
        }

        if (key.PositionOf(CarriageReturn) is not null)
        {
            return Reject(line, command, RequestProblem.KeyHasCarriageReturn, out request);
        }

        request = new ParsedRequest(command, key, value, line, RequestProblem.None);
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

    // A token runs to the next space or tab, or to the end of the line. Returns empty at the end of the line.
    private static ReadOnlySequence<byte> ReadToken(ref SequenceReader<byte> reader)
    {
        if (reader.TryReadToAny(out ReadOnlySequence<byte> token, " \t"u8, advancePastDelimiter: false))
        {
            return token;
        }

        token = reader.UnreadSequence;
        reader.AdvanceToEnd();
        return token;
    }

    private static CommandKind IdentifyVerb(ReadOnlySequence<byte> token)
    {
        if (token.Length > LongestVerbBytes)
        {
            return CommandKind.None;
        }

        Span<byte> verb = stackalloc byte[LongestVerbBytes];
        token.CopyTo(verb);
        verb = verb[..(int)token.Length];

        return verb switch
        {
            _ when Ascii.EqualsIgnoreCase(verb, "GET"u8) => CommandKind.Get,
            _ when Ascii.EqualsIgnoreCase(verb, "SET"u8) => CommandKind.Set,
            _ when Ascii.EqualsIgnoreCase(verb, "DEL"u8) => CommandKind.Del,
            _ when Ascii.EqualsIgnoreCase(verb, "PING"u8) => CommandKind.Ping,
            _ when Ascii.EqualsIgnoreCase(verb, "QUIT"u8) => CommandKind.Quit,
            _ when Ascii.EqualsIgnoreCase(verb, "HELP"u8) => CommandKind.Help,
            _ => CommandKind.None,
        };
    }
}
