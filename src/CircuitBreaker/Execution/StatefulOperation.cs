namespace CircuitBreaker.Execution;

/// <summary>A delegate with explicit state, so callers can pass a static lambda and avoid a closure.</summary>
internal readonly struct StatefulOperation<TState, T>(Func<TState, CancellationToken, ValueTask<T>> operation, TState state) : IBreakerOperation<T>
{
    public ValueTask<T> Invoke(CancellationToken cancellationToken) => operation(state, cancellationToken);
}
