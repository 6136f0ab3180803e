namespace CircuitBreaker.Redis.Tests;

/// <summary>Operations that succeed or fail synchronously.</summary>
internal static class Calls
{
    public static ValueTask<int> Succeed(CancellationToken _) => new(42);

    public static ValueTask<int> Fail(CancellationToken _) => ValueTask.FromException<int>(new InvalidOperationException("provider down"));

    public static async Task<BreakerOutcome<int>> SucceedAsync(this Breaker breaker) => await breaker.TryExecuteAsync(Succeed);

    public static async Task<BreakerOutcome<int>> FailAsync(this Breaker breaker) => await breaker.TryExecuteAsync(Fail);

    public static async Task FailAsync(this Breaker breaker, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await breaker.FailAsync();
        }
    }
}
