namespace KeyValue.Server.Dispatch;

/// <summary>What the connection must do after a request was dispatched.</summary>
internal enum DispatchAction
{
    /// <summary>The reply is written; go on with the next line.</summary>
    Continue = 0,

    /// <summary>The reply is written; close the connection after sending it (QUIT).</summary>
    CloseAfterReply,

    /// <summary>Nothing was written; close the connection (fault mode DROP).</summary>
    CloseWithoutReply,

    /// <summary>Nothing was written, nor will be; keep reading and discarding (fault mode HANG).</summary>
    Hang,

    /// <summary>
    /// Nothing was written yet: wait <see cref="DispatchResult.Delay"/>, then dispatch the same request again
    /// with <see cref="DispatchResult.Delayed"/> as its already-made decision (fault mode DELAY).
    /// </summary>
    DelayThenExecute,
}
