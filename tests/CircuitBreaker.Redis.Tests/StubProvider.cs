namespace CircuitBreaker.Redis.Tests;

/// <summary>A provider that counts the calls reaching it and holds each one until it recovers; from then on it
/// answers at once.</summary>
internal sealed class StubProvider
{
    private readonly TaskCompletionSource _recovered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public void Recover() => _recovered.TrySetResult();

    public async ValueTask<int> CallAsync(CancellationToken cancellationToken)
    {
        if (!_recovered.Task.IsCompleted)
        {
            Interlocked.Increment(ref _calls);
            await _recovered.Task.WaitAsync(cancellationToken);
        }

        return 42;
    }
}
