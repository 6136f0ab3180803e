namespace KeyValue.Client.Connection;

/// <summary>Why a request got no reply. Every kind counts as a failure for the breaker.</summary>
internal enum FailureKind
{
    /// <summary>No complete reply within the request timeout.</summary>
    Timeout,

    /// <summary>Nothing accepted the connection.</summary>
    ConnectionRefused,

    /// <summary>The connection was reset or closed before the reply came.</summary>
    ConnectionLost,
}
