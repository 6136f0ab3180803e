namespace KeyValue.Faults;

/// <summary>How a failing request fails.</summary>
public enum FaultModeKind
{
    /// <summary><c>ERROR</c> (default): reply <c>ERR UNAVAILABLE</c>; the command is not applied.</summary>
    Error = 0,

    /// <summary><c>DELAY &lt;duration&gt;</c>: the normal reply after the delay; the command is applied.</summary>
    Delay,

    /// <summary><c>DROP</c>: close the connection without a reply; the command is not applied.</summary>
    Drop,

    /// <summary><c>HANG</c>: never reply; the command is not applied; the connection stays open.</summary>
    Hang,

    /// <summary>
    /// <c>ERROR RETRY-AFTER &lt;duration&gt;</c>: like <see cref="Error"/>, and the reply tells the client how long to wait
    /// before it retries; the command is not applied.
    /// </summary>
    ErrorRetryAfter,
}
