namespace KeyValue.Client.Run;

/// <summary>How a call ended.</summary>
internal enum RequestOutcome
{
    /// <summary>The server answered (NOT_FOUND and ERR BAD_ARGUMENTS included: answers, not failures).</summary>
    Ok,

    /// <summary>ERR UNAVAILABLE, a timeout, or a refused, reset or closed connection: a failure for the breaker.</summary>
    Failed,

    /// <summary>The breaker refused the call; it never reached the server.</summary>
    Rejected,
}
