namespace KeyValue.Protocol;

/// <summary>What <see cref="RequestParser.TryParse(ref System.Buffers.ReadOnlySequence{byte}, int, out ParsedRequest)"/> found.</summary>
public enum RequestParseStatus
{
    /// <summary>No complete line yet. The buffer is unchanged: read more and call again.</summary>
    NeedMoreData = 0,

    /// <summary>A well-formed request; the line was consumed. Reply to it.</summary>
    Request,

    /// <summary>An empty line, or one of only spaces and tabs; consumed. Send no reply.</summary>
    BlankLine,

    /// <summary>
    /// A malformed request (<see cref="ErrorCode.UnknownCommand"/> or <see cref="ErrorCode.BadArguments"/>);
    /// the line was consumed. Reply with the error and keep the connection open.
    /// </summary>
    Error,

    /// <summary>
    /// The line is longer than the limit. Nothing was consumed. Reply <c>ERR LINE_TOO_LONG</c>, then close the connection.
    /// </summary>
    LineTooLong,
}
