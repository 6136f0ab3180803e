namespace KeyValue.Server.Hosting;

/// <summary>The listening socket could not be bound (the port is taken, the address is not local, …).</summary>
internal sealed class ListenFailedException : Exception
{
    public ListenFailedException()
    {
    }

    public ListenFailedException(string message)
        : base(message)
    {
    }

    public ListenFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
