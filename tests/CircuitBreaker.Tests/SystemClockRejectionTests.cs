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
        CountRejections(breaker, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejections = CountRejections(breaker, 10_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(10_000, rejections);
    }

    /// <summary>Synchronous on purpose: a rejection completes at once, and awaiting would hide an allocation.</summary>
    private static int CountRejections(Breaker breaker, int calls)
    {
        var rejections = 0;
        for (var i = 0; i < calls; i++)
        {
            var outcome = breaker.TryExecuteAsync(BreakerTestKit.Succeed);
            rejections += outcome.IsCompletedSuccessfully && outcome.Result.IsRejected ? 1 : 0;
        }

        return rejections;
    }
}
