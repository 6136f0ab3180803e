namespace KeyValue.Server.Requests;

/// <summary>What the fault stage does to one data request: the effect the connection then acts on.</summary>
internal enum FaultEffect
{
    /// <summary>Not failed: the request runs against the store.</summary>
    None = 0,

    /// <summary>Answered <c>ERR UNAVAILABLE</c> (with a retry-after under mode ERROR RETRY-AFTER); not applied.</summary>
    Error,

    /// <summary>Held for the mode's delay, then run and answered normally; only its own connection waits.</summary>
    Delay,

    /// <summary>The connection is closed without a reply; not applied.</summary>
    Drop,

    /// <summary>Never answered; the connection reads and discards until the client or the server closes it.</summary>
    Hang,
}
