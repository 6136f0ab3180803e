using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>The count-based window: opens when <c>failures</c> of the last <c>calls</c> calls failed; fewer calls
/// since the circuit last closed count as they are.</summary>
public sealed class LastCallsPolicyTests
{
    [Fact]
    public async Task OneCallOneFailure_EveryFailureOpens()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 1, failures: 1);

        await breaker.SucceedAsync();
        var opening = await breaker.FailAsync();

        Assert.Equal((1L, 1L), (opening.Transition!.Failures, opening.Transition.Calls));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task FailuresEqualToCalls_OnlyAnUnbrokenRunOpens()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 3, failures: 3);

        await breaker.FailAsync();
        await breaker.FailAsync();
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Closed, breaker.State);
        var opening = await breaker.FailAsync();

        Assert.Equal((3L, 3L), (opening.Transition!.Failures, opening.Transition.Calls));
    }

    [Fact]
    public async Task FewerCallsThanTheWindow_CountAsTheyAre()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 10, failures: 3);

        await breaker.FailAsync();
        await breaker.FailAsync();
        var opening = await breaker.FailAsync();

        Assert.Equal((3L, 3L, 3L), (opening.Transition!.Failures, opening.Transition.Calls, opening.Transition.Threshold));
    }

    [Fact]
    public async Task RingWraps_TheOldestCallLeaves()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 4, failures: 2);

        await breaker.FailAsync();
        for (var i = 0; i < 4; i++)
        {
            await breaker.SucceedAsync();
        }

        // The first failure has left the last 4 calls: this one is alone.
        Assert.Null((await breaker.FailAsync()).Transition);
        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal((1L, 4L), (snapshot.FailuresInWindow, snapshot.CallsInWindow));
        var opening = await breaker.FailAsync();
        Assert.Equal((2L, 4L), (opening.Transition!.Failures, opening.Transition.Calls));
    }

    [Fact]
    public async Task FailureStillInsideTheWindow_CountsWithTheNext()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 4, failures: 2);

        await breaker.FailAsync();
        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        var opening = await breaker.FailAsync();

        Assert.Equal((2L, 4L), (opening.Transition!.Failures, opening.Transition.Calls));
    }

    [Fact]
    public async Task RunOfSuccessesLongerThanTheWindow_ClearsEveryFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 3, failures: 2);
        await breaker.FailAsync();

        for (var i = 0; i < 5; i++)
        {
            await breaker.SucceedAsync();
        }

        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal((0L, 3L), (snapshot.FailuresInWindow, snapshot.CallsInWindow));
        Assert.Null((await breaker.FailAsync()).Transition);
    }

    [Fact]
    public async Task AfterClosing_CountsStartAfresh()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 5, failures: 2);
        await breaker.FailAsync();
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);
        await breaker.SucceedAsync();
        Assert.Equal(BreakerState.Closed, breaker.State);

        var snapshot = await breaker.SnapshotAsync();
        var first = await breaker.FailAsync();
        var second = await breaker.FailAsync();

        Assert.Equal((0L, 0L), (snapshot.FailuresInWindow, snapshot.CallsInWindow));
        Assert.Null(first.Transition);
        Assert.Equal((2L, 2L), (second.Transition!.Failures, second.Transition.Calls));
    }

    [Fact]
    public async Task IgnoredCalls_DoNotTakeAPlaceInTheWindow()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: 2, failures: 2);
        await breaker.FailAsync();

        await breaker.ReturnAsync(1, CallVerdict.Ignored);
        await breaker.ReturnAsync(1, CallVerdict.Ignored);
        var opening = await breaker.FailAsync();

        Assert.Equal((2L, 2L), (opening.Transition!.Failures, opening.Transition.Calls));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-1, 1)]
    [InlineData(100_001, 1)]
    [InlineData(5, 0)]
    [InlineData(5, 6)]
    [InlineData(1, 2)]
    public void LastCalls_InvalidArguments_Throw(int calls, int failures)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.LastCalls(calls, failures));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 5)]
    [InlineData(100_000, 1)]
    [InlineData(100_000, 100_000)]
    public void LastCalls_BoundaryArguments_Accepted(int calls, int failures)
    {
        var policy = Assert.IsType<CircuitBreaker.Policies.LastCallsPolicy>(BreakerPolicy.LastCalls(calls, failures));

        Assert.Equal((calls, failures), (policy.Calls, policy.Failures));
    }

    [Fact]
    public async Task LargestWindow_FailuresAcrossIt_Open()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = LastCalls(clock, calls: BreakerDefaults.MaxLastCalls, failures: 2);
        await breaker.FailAsync();
        for (var i = 0; i < 1_000; i++)
        {
            await breaker.SucceedAsync();
        }

        var opening = await breaker.FailAsync();

        Assert.Equal((2L, 1_002L), (opening.Transition!.Failures, opening.Transition.Calls));
    }

    private static Breaker LastCalls(FakeTimeProvider clock, int calls, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.LastCalls(calls, failures));
}
