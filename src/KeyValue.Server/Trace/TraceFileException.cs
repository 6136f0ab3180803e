namespace KeyValue.Server.Trace;

/// <summary>The <c>--trace</c> file cannot be written; the message names the file and the reason (the program exits 2).</summary>
internal sealed class TraceFileException : Exception
{
    public TraceFileException()
    {
    }

    public TraceFileException(string message)
        : base(message)
    {
    }

    public TraceFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
