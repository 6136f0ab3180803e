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
    /// Nothing was written yet: wait <see cref="DispatchResult.Delay"/>, then execute the same parsed request with
    /// <see cref="DispatchResult.Delayed"/>, the decision made for it (fault mode DELAY).
    /// </summary>
    DelayThenExecute,
}
