using System.Globalization;

namespace KeyValue.Protocol;

/// <summary>Every human-readable text the protocol sends, in one place.</summary>
public static class ProtocolText
{
    private const string WrongArgumentCountPrefix = "wrong number of arguments; usage: ";

    private static readonly string KeyTooLongText =
        string.Create(CultureInfo.InvariantCulture, $"key longer than {ProtocolLimits.MaxKeyBytes} bytes");

    /// <summary>The text after <c>OK </c> in the reply to <c>HELP</c>.</summary>
    public const string HelpLine =
        "commands: PING | GET <key> | SET <key> <value> | DEL <key> | QUIT | HELP (verbs case-insensitive, keys case-sensitive)";

    /// <summary>
    /// The token that starts the text of an <c>ERR UNAVAILABLE</c> reply telling the client when to retry:
    /// <c>retry-after=&lt;milliseconds&gt;</c>, then a space and the standard text.
    /// </summary>
    public const string RetryAfterToken = "retry-after=";

    /// <summary>
    /// The text of an <c>ERR UNAVAILABLE</c> reply with a retry-after, e.g.
    /// <c>retry-after=3000 injected fault; the command was not applied</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="milliseconds"/> is negative.</exception>
    public static string GetRetryAfterText(long milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(milliseconds);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{RetryAfterToken}{milliseconds} {GetStandardText(ErrorCode.Unavailable)}");
    }

    /// <summary>The standard text of an error reply with <paramref name="code"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is <see cref="ErrorCode.None"/> or undefined.</exception>
    public static string GetStandardText(ErrorCode code) => code switch
    {
        ErrorCode.UnknownCommand => "unknown command; try HELP",
        ErrorCode.BadArguments => "wrong arguments; try HELP",
        ErrorCode.LineTooLong => "line longer than the limit; closing the connection",
        ErrorCode.Unavailable => "injected fault; the command was not applied",
        ErrorCode.Busy => "too many connections; try again later",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not an error code."),
    };

    /// <summary>The text of the error reply for a rejected request (more precise than the standard text).</summary>
    /// <param name="problem">Why the request was rejected.</param>
    /// <param name="command">The command, when known; used to show its usage for <see cref="RequestProblem.WrongArgumentCount"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="problem"/> is <see cref="RequestProblem.None"/> or undefined.</exception>
    public static string GetProblemText(RequestProblem problem, CommandKind command) => problem switch
    {
        RequestProblem.UnknownCommand => GetStandardText(ErrorCode.UnknownCommand),
        RequestProblem.WrongArgumentCount => command switch
        {
            // Constant strings, so writing an error reply allocates nothing.
            CommandKind.Ping => WrongArgumentCountPrefix + "PING",
            CommandKind.Get => WrongArgumentCountPrefix + "GET <key>",
            CommandKind.Set => WrongArgumentCountPrefix + "SET <key> <value>",
            CommandKind.Del => WrongArgumentCountPrefix + "DEL <key>",
            CommandKind.Quit => WrongArgumentCountPrefix + "QUIT",
            _ => WrongArgumentCountPrefix + "HELP",
        },
        RequestProblem.EmptyValue => "empty value; usage: SET <key> <value>",
        RequestProblem.KeyTooLong => KeyTooLongText,
        RequestProblem.KeyHasCarriageReturn => "key contains a CR byte",
        RequestProblem.LineTooLong => GetStandardText(ErrorCode.LineTooLong),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "Not a problem."),
    };

    /// <summary>The error code a request problem is reported with.</summary>
    public static ErrorCode GetErrorCode(RequestProblem problem) => problem switch
    {
        RequestProblem.None => ErrorCode.None,
        RequestProblem.UnknownCommand => ErrorCode.UnknownCommand,
        RequestProblem.LineTooLong => ErrorCode.LineTooLong,
        _ => ErrorCode.BadArguments,
    };
}
