namespace CircuitBreaker.Tests;

/// <summary>One rejection path for every time provider: far (more than 100 ms) from an open circuit's break end a
/// rejection reads no clock; the actor's timer withdraws that permission 100 ms before the end, synchronously in its
/// callback (so inside <c>FakeTimeProvider.Advance</c>); after that the precise clock decides.</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class SystemClockRejectionTests
{
    private static readonly TimeSpan Break = BreakerTestKit.Break;
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task TryExecuteAsync_OpenFarFromTheBreakEnd_RejectsWithoutReadingTheClock()
    {
        var (clock, counting, breaker) = OpenBreaker();
        await using var _ = breaker;
        await breaker.FailAsync();
        clock.Advance(Break - Margin - Tick);
        counting.ResetReads();

        var rejections = breaker.CountSyncRejections(1_000);
        var state = breaker.State;

        Assert.Equal(1_000, rejections);
        Assert.Equal(BreakerState.Open, state);
        Assert.Equal(0, counting.Reads);
    }

    [Fact]
    public async Task TryExecuteAsync_WithinTheMarginOfTheBreakEnd_ReadsTheClockAndStillRejects()
    {
        var (clock, counting, breaker) = OpenBreaker();
        await using var _ = breaker;
        await breaker.FailAsync();

        clock.Advance(Break - Margin);
        await breaker.SettleAsync();
        counting.ResetReads();
        var rejections = breaker.CountSyncRejections(10);

        Assert.Equal(10, rejections);
        Assert.True(counting.Reads >= 10, $"each rejection reads the precise clock (read {counting.Reads} times)");
        var rejected = await breaker.SucceedAsync();
        Assert.Equal(Margin, rejected.RetryAfter);
    }

    [Fact]
    public async Task TryExecuteAsync_PreciseClockDecides_OneTickBeforeTheEndRejects_AtTheEndAdmits()
    {
        var (clock, _, breaker) = OpenBreaker();
        await using var __ = breaker;
        await breaker.FailAsync();

        clock.Advance(Break - Tick);
        Assert.Equal(BreakerState.Open, breaker.State);
        var early = await breaker.SucceedAsync();
        var earlyRetryAfter = early.RetryAfter;
        clock.Advance(Tick);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        var trial = await breaker.SucceedAsync();

        Assert.True(early.IsRejected);
        Assert.Equal(Tick, earlyRetryAfter);
        Assert.Equal((BreakerOutcomeKind.Completed, BreakerState.HalfOpen), (trial.Kind, trial.State));
    }

    [Fact]
    public async Task Advance_PastTheWholeBreakAtOnce_WithdrawsThePermissionBeforeItReturns()
    {
        var (clock, _, breaker) = OpenBreaker();
        await using var __ = breaker;
        await breaker.FailAsync();

        // No await between the advance and the reads: the timer's callback itself withdrew the permission.
        clock.Advance(Break);
        var state = breaker.State;
        var admitted = breaker.TryExecuteAsync(BreakerTestKit.Succeed);

        Assert.Equal(BreakerState.HalfOpen, state);
        Assert.False((await admitted.AsTask().WaitAsync(BreakerTestKit.Timeout)).IsRejected);
    }

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
        var snapshot = await breaker.SnapshotAsync();

        var outcome = await breaker.TryExecuteAsync(BreakerTestKit.Succeed);

        Assert.True(outcome.IsRejected);
        Assert.Equal(BreakerState.Open, outcome.State);
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

    private static (Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock, CountingTimeProvider Counting, Breaker Breaker) OpenBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        var counting = new CountingTimeProvider(clock);
        var breaker = BreakerTestKit.NewBreaker(counting, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        return (clock, counting, breaker);
    }
}
