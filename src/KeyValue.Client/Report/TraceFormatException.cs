namespace KeyValue.Client.Report;

/// <summary>A trace line the report cannot read; the message is <c>&lt;file&gt;:&lt;line&gt;: &lt;what&gt;</c>.</summary>
internal sealed class TraceFormatException : Exception
{
    public TraceFormatException()
    {
    }

    public TraceFormatException(string message)
        : base(message)
    {
    }

    public TraceFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What is wrong with line <paramref name="line"/> (from 1) of <paramref name="path"/>.</summary>
    public TraceFormatException(string path, int line, string what, Exception? innerException = null)
        : base(FormattableString.Invariant($"{path}:{line}: {what}"), innerException)
    {
    }
}
