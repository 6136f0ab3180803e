namespace KeyValue.Server.Requests;

/// <summary>What the connection does after one request was handled.</summary>
internal enum RequestStepKind
{
    /// <summary>The reply is written; go on with the next line.</summary>
    Replied = 0,

    /// <summary>Nothing is written yet: wait <see cref="RequestStep.Delay"/>, then <see cref="RequestHandler.Resume"/> the same request.</summary>
    Delay,

    /// <summary>Nothing is written: close the connection (fault mode DROP).</summary>
    Drop,

    /// <summary>Nothing is written, nor will be: read and discard until the connection ends (fault mode HANG).</summary>
    Hang,

    /// <summary><c>BYE</c> is written: close after sending it (QUIT).</summary>
    Quit,

    /// <summary><c>ERR LINE_TOO_LONG</c> is written: close after sending it; the rest of the line is never read.</summary>
    LineTooLong,
}
