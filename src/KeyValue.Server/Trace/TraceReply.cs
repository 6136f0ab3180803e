namespace KeyValue.Server.Trace;

/// <summary>The first word(s) of the reply a data request got, as a request record's <c>reply</c> says it.</summary>
internal enum TraceReply
{
    /// <summary><c>null</c>: no reply was sent (DROP, HANG, or a DELAY cut short by shutdown).</summary>
    None = 0,

    /// <summary><c>OK</c> (SET).</summary>
    Ok,

    /// <summary><c>VALUE</c> (GET of a stored key); the value itself is not traced.</summary>
    Value,

    /// <summary><c>NOT_FOUND</c> (GET or DEL of a missing key).</summary>
    NotFound,

    /// <summary><c>DELETED</c> (DEL).</summary>
    Deleted,

    /// <summary><c>ERR UNAVAILABLE</c> (an injected error, with or without retry-after).</summary>
    ErrUnavailable,
}
