namespace KeyValue.Server.Dispatch;

/// <summary>The outcome of dispatching one request.</summary>
internal readonly record struct DispatchResult(DispatchAction Action, TimeSpan Delay = default, long RequestNumber = 0)
{
    public static DispatchResult Continue { get; } = new(DispatchAction.Continue);

    public static DispatchResult CloseAfterReply { get; } = new(DispatchAction.CloseAfterReply);

    public static DispatchResult CloseWithoutReply { get; } = new(DispatchAction.CloseWithoutReply);

    public static DispatchResult Hang { get; } = new(DispatchAction.Hang);
}
