namespace CircuitBreaker.Tests;

/// <summary>On the system clock an Open circuit rejects from a coarse clock reading until shortly before the break
/// ends; the answer must be the same as the precise one.</summary>
public sealed class SystemClockRejectionTests
{
    [Fact]
    public async Task TryExecuteAsync_OpenOnSystemClock_RejectsWithRetryAfterCloseToTheBreak()
    {
        var breakDuration = TimeSpan.FromMinutes(5);
        await using var breaker = new Breaker(new BreakerOptions
        {
            Policy = BreakerPolicy.ConsecutiveFailures(1),
            BreakDuration = breakDuration,
        });
        await breaker.FailAsync();
        var snapshot = await breaker.GetSnapshotAsync();

        var outcome = await breaker.TryExecuteAsync(BreakerTestKit.Succeed);

        Assert.True(outcome.IsRejected);
        Assert.Equal(CircuitState.Open, outcome.State);
        var retryAfter = Assert.NotNull(outcome.RetryAfter);
        Assert.InRange(retryAfter, breakDuration - TimeSpan.FromMinutes(1), breakDuration);
        Assert.NotNull(snapshot.BreakEndsAt);
    }

    [Fact]
    public async Task TryExecuteAsync_OpenOnSystemClock_AllocatesNothing()
    {
        await using var breaker = new Breaker(new BreakerOptions
        {
            Policy = BreakerPolicy.ConsecutiveFailures(1),
            BreakDuration = TimeSpan.FromMinutes(5),
        });
        await breaker.FailAsync();
        await breaker.TryExecuteAsync(BreakerTestKit.Succeed);
        breaker.CountSyncRejections(100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejections = breaker.CountSyncRejections(10_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, rejections);
    }
}
