namespace CircuitBreaker.Execution;

/// <summary>A plain <c>Func&lt;CancellationToken, ValueTask&lt;T&gt;&gt;</c>.</summary>
internal readonly struct FuncOperation<T>(Func<CancellationToken, ValueTask<T>> operation) : IBreakerOperation<T>
{
    public ValueTask<T> Invoke(CancellationToken cancellationToken) => operation(cancellationToken);
}
