namespace KeyValue.Protocol;

/// <summary>The kind of a reply line.</summary>
public enum ReplyKind
{
    /// <summary>No reply (not parsed, or malformed).</summary>
    None = 0,

    /// <summary><c>PONG</c>.</summary>
    Pong,

    /// <summary><c>VALUE &lt;value&gt;</c>; the payload is the value.</summary>
    Value,

    /// <summary><c>NOT_FOUND</c>.</summary>
    NotFound,

    /// <summary><c>OK</c> (to SET).</summary>
    Ok,

    /// <summary><c>DELETED</c>.</summary>
    Deleted,

    /// <summary><c>BYE</c>.</summary>
    Bye,

    /// <summary><c>OK &lt;text&gt;</c> (to HELP); the payload is the text.</summary>
    Help,

    /// <summary><c>ERR &lt;CODE&gt; &lt;text&gt;</c>; the payload is the text.</summary>
    Error,
}
