namespace KeyValue.Client.Connection;

/// <summary>A request that got no reply: it timed out, or the server could not be reached or dropped the connection.</summary>
public sealed class RequestFailedException : Exception
{
    public RequestFailedException()
    {
    }

    public RequestFailedException(string message)
        : base(message)
    {
    }

    public RequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal RequestFailedException(FailureKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    internal FailureKind Kind { get; }
}
