namespace KeyValue.Protocol;

/// <summary>The code of an <c>ERR &lt;CODE&gt; &lt;text&gt;</c> reply. Wire names are in <see cref="ErrorCodes"/>.</summary>
public enum ErrorCode
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary><c>UNKNOWN_COMMAND</c>: unknown verb; the connection stays open.</summary>
    UnknownCommand,

    /// <summary><c>BAD_ARGUMENTS</c>: wrong number of arguments, empty value or key too long; the connection stays open.</summary>
    BadArguments,

    /// <summary><c>LINE_TOO_LONG</c>: a line longer than the limit; the connection is closed after the reply.</summary>
    LineTooLong,

    /// <summary><c>UNAVAILABLE</c>: an injected fault in ERROR mode; the command was not applied.</summary>
    Unavailable,

    /// <summary><c>BUSY</c>: the connection limit is reached; sent on accept, then the connection is closed.</summary>
    Busy,
}
