namespace KeyValue.Client.Connection;

/// <summary>Why a request failed. Every kind counts as a failure for the breaker.</summary>
internal enum FailureKind
{
    /// <summary>The server answered <c>ERR UNAVAILABLE</c> (or <c>ERR BUSY</c>): it is up but cannot serve.</summary>
    Unavailable,

    /// <summary>No complete reply within the request timeout.</summary>
    Timeout,

    /// <summary>Nothing accepted the connection.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed before the reply came.</summary>
    ConnectionLost,
}
