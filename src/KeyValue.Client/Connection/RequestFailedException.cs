namespace KeyValue.Client.Connection;

/// <summary>A request that did not get an answer: the server failed, timed out, or could not be reached.</summary>
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

    internal RequestFailedException(FailureKind kind, string message, string? reply = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Reply = reply;
    }

    internal FailureKind Kind { get; }

    /// <summary>The server's reply line when it answered with an error, otherwise null.</summary>
    public string? Reply { get; }
}
