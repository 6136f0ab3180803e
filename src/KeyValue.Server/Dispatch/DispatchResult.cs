namespace KeyValue.Server.Dispatch;

/// <summary>The outcome of dispatching one request.</summary>
/// <param name="Action">What the connection must do next.</param>
/// <param name="Delayed">For <see cref="DispatchAction.DelayThenExecute"/>: the decision to execute the request with after the delay.</param>
internal readonly record struct DispatchResult(DispatchAction Action, DecidedFault Delayed = default)
{
    public static DispatchResult Continue { get; } = new(DispatchAction.Continue);

    public static DispatchResult CloseAfterReply { get; } = new(DispatchAction.CloseAfterReply);

    public static DispatchResult CloseWithoutReply { get; } = new(DispatchAction.CloseWithoutReply);

    public static DispatchResult Hang { get; } = new(DispatchAction.Hang);

    /// <summary>For <see cref="DispatchAction.DelayThenExecute"/>: how long to wait.</summary>
    public TimeSpan Delay => Delayed.Decision.Delay;
}
