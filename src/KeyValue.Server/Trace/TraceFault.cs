namespace KeyValue.Server.Trace;

/// <summary>What the fault injector did to a data request, as a request record's <c>fault</c> says it.</summary>
internal enum TraceFault
{
    /// <summary><c>none</c>: not failed.</summary>
    None = 0,

    /// <summary><c>error</c>: failed with <c>ERR UNAVAILABLE</c> (mode ERROR or ERROR RETRY-AFTER).</summary>
    Error,

    /// <summary><c>delay</c>: answered normally, after the mode's delay.</summary>
    Delay,

    /// <summary><c>drop</c>: the connection was closed without a reply.</summary>
    Drop,

    /// <summary><c>hang</c>: never answered.</summary>
    Hang,
}
