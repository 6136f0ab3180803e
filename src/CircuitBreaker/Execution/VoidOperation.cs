namespace CircuitBreaker.Execution;

/// <summary>A <c>Func&lt;CancellationToken, ValueTask&gt;</c>, adapted without allocating when it completes synchronously.</summary>
internal readonly struct VoidOperation(Func<CancellationToken, ValueTask> operation) : IBreakerOperation<VoidResult>
{
    public ValueTask<VoidResult> Invoke(CancellationToken cancellationToken)
    {
        var pending = operation(cancellationToken);
        return pending.IsCompletedSuccessfully ? default : AwaitAsync(pending);
    }

    private static async ValueTask<VoidResult> AwaitAsync(ValueTask pending)
    {
        await pending.ConfigureAwait(false);
        return default;
    }
}
