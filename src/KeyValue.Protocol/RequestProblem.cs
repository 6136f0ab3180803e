namespace KeyValue.Protocol;

/// <summary>Why a request line was rejected; each problem maps to one <see cref="Protocol.ErrorCode"/> and one text.</summary>
public enum RequestProblem
{
    /// <summary>No problem.</summary>
    None = 0,

    /// <summary>The first token is not a known command. Code <c>UNKNOWN_COMMAND</c>.</summary>
    UnknownCommand,

    /// <summary>Too few or too many arguments for the command. Code <c>BAD_ARGUMENTS</c>.</summary>
    WrongArgumentCount,

    /// <summary><c>SET</c> with a key but nothing after it. Code <c>BAD_ARGUMENTS</c>.</summary>
    EmptyValue,

    /// <summary>The key is longer than <see cref="ProtocolLimits.MaxKeyBytes"/>. Code <c>BAD_ARGUMENTS</c>.</summary>
    KeyTooLong,

    /// <summary>The key contains a CR byte (a CR that is not just before the LF). Code <c>BAD_ARGUMENTS</c>.</summary>
    KeyHasCarriageReturn,

    /// <summary>The line is longer than the limit. Code <c>LINE_TOO_LONG</c>; the connection is closed after the reply.</summary>
    LineTooLong,
}
