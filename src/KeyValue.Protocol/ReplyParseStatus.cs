namespace KeyValue.Protocol;

/// <summary>What <see cref="ReplyParser.TryParse"/> found.</summary>
public enum ReplyParseStatus
{
    /// <summary>No complete line yet. The buffer is unchanged: read more and call again.</summary>
    NeedMoreData = 0,

    /// <summary>A well-formed reply; the line was consumed.</summary>
    Reply,

    /// <summary>A complete line that is not a valid reply; the line was consumed (see <see cref="ParsedReply.Line"/>).</summary>
    Malformed,

    /// <summary>The line is longer than the limit. Nothing was consumed: the connection cannot be trusted any more.</summary>
    LineTooLong,
}
