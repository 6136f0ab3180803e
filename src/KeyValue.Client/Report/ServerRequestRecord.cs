namespace KeyValue.Client.Report;

/// <summary>
/// <c>{"type":"request","time":"…","n":3,"total":17,"connection":2,"command":"SET","key":"k2","fault":"error","reply":"ERR UNAVAILABLE"}</c>:
/// one data request the server handled.
/// </summary>
/// <param name="Time">When the server handled it.</param>
/// <param name="N">Its number under the current spec (the one faults count).</param>
/// <param name="Total">Its number since the server started.</param>
/// <param name="Connection">The connection, as the server's log numbers it.</param>
/// <param name="Command"><c>GET</c>, <c>SET</c> or <c>DEL</c>.</param>
/// <param name="Key">The key (bytes that are not UTF-8 are escaped; read as the string it is).</param>
/// <param name="Fault"><c>none</c>, <c>error</c>, <c>delay</c>, <c>drop</c> or <c>hang</c>.</param>
/// <param name="Reply">The reply's first word(s); null when none was sent.</param>
internal sealed record ServerRequestRecord(
    DateTimeOffset Time,
    long N,
    long Total,
    long Connection,
    string Command,
    string? Key,
    string Fault,
    string? Reply) : ServerTraceRecord
{
    /// <summary>The fault injector did something to this request (anything but <c>none</c>).</summary>
    public bool Faulted => !string.Equals(Fault, "none", StringComparison.Ordinal);
}
