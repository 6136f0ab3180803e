using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>Shared helpers: a breaker on a fake clock, and operations that succeed or fail synchronously.</summary>
internal static class BreakerTestKit
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Breaker NewBreaker(FakeTimeProvider clock, Action<BreakerOptions>? configure = null)
    {
        var options = new BreakerOptions { BreakDuration = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new Breaker(options, clock);
    }

    public static ValueTask<int> Succeed(CancellationToken _) => new(42);

    public static ValueTask<int> Fail(CancellationToken _) => ValueTask.FromException<int>(new InvalidOperationException("boom"));

    public static async Task<BreakerOutcome<int>> SucceedAsync(this Breaker breaker) =>
        await breaker.TryExecuteAsync(Succeed).AsTask().WaitAsync(Timeout);

    public static async Task<BreakerOutcome<int>> FailAsync(this Breaker breaker) =>
        await breaker.TryExecuteAsync(Fail).AsTask().WaitAsync(Timeout);

    public static async Task<BreakerSnapshot> SnapshotAsync(this Breaker breaker) =>
        await breaker.GetSnapshotAsync().AsTask().WaitAsync(Timeout);

    /// <summary>Waits until the actor has handled everything posted before (a snapshot is answered in order).</summary>
    public static Task SettleAsync(this Breaker breaker) => breaker.SnapshotAsync();

    /// <summary>Makes <paramref name="calls"/> calls that complete synchronously and counts the rejections. Synchronous
    /// on purpose: a rejection completes at once, and awaiting would hide an allocation.</summary>
    public static int CountSyncRejections(this Breaker breaker, int calls)
    {
        var rejections = 0;
        for (var i = 0; i < calls; i++)
        {
            var outcome = breaker.TryExecuteAsync(Succeed);
            rejections += outcome.IsCompletedSuccessfully && outcome.Result.IsRejected ? 1 : 0;
        }

        return rejections;
    }
}
