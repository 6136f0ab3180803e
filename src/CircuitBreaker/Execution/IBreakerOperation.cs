namespace CircuitBreaker.Execution;

/// <summary>An operation the breaker runs. Implemented by structs so that the generic execution path is
/// specialised per shape (plain delegate, delegate with state, delegate without result) with no closure.</summary>
internal interface IBreakerOperation<T>
{
    ValueTask<T> Invoke(CancellationToken cancellationToken);
}
