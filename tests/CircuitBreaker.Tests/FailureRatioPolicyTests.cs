using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>The failure-ratio policy through the breaker: 10 s window, ratio 0.5, at least 4 calls.</summary>
public sealed class FailureRatioPolicyTests
{
    [Fact]
    public async Task BelowMinimumThroughput_NeverOpens()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Ratio(clock);

        for (var i = 0; i < 3; i++)
        {
            await breaker.FailAsync();
        }

        Assert.Equal(BreakerState.Closed, breaker.State);
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task RatioExactlyReached_Opens()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Ratio(clock);
        var events = new EventRecorder(breaker);

        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal("2 of 4 calls failed in the last 10 s: 50% >= 50%", (await events.NextAsync()).Reason);
    }

    [Fact]
    public async Task RatioJustBelow_StaysClosed()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Ratio(clock);

        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Closed, breaker.State);
        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal((2L, 5L), (snapshot.FailuresInWindow, snapshot.CallsInWindow));
    }

    [Fact]
    public async Task SuccessesOutsideTheWindow_NoLongerDiluteTheRatio()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Ratio(clock);
        for (var i = 0; i < 10; i++)
        {
            await breaker.SucceedAsync();
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 3; i++)
        {
            await breaker.FailAsync();
        }

        Assert.Equal(BreakerState.Closed, breaker.State);
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task SuccessesTalliedBeforeTimeMoves_LandInTheirOwnBucket()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Ratio(clock);

        // Successes are tallied without waiting; the actor may take them after the clock moved on.
        await breaker.SucceedAsync();
        clock.Advance(TimeSpan.FromSeconds(9));
        await breaker.SucceedAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, (await breaker.SnapshotAsync()).CallsInWindow);
    }

    private static Breaker Ratio(FakeTimeProvider clock) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), ratio: 0.5, minimumThroughput: 4));
}
