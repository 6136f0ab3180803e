using CircuitBreaker.Policies;

namespace CircuitBreaker.Tests;

public sealed class BreakerPolicyTests
{
    public static TheoryData<string> ThreeFailurePolicies => ["consecutive", "window", "ratio", "last-calls"];

    [Fact]
    public void ToString_DescribesTheRule()
    {
        Assert.Equal("3 consecutive failures", BreakerPolicy.ConsecutiveFailures(3).ToString());
        Assert.Equal("5 consecutive failures", BreakerPolicy.ConsecutiveFailures().ToString());
        Assert.Equal("5 failures in 10 s", BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 5, bucketCount: 20).ToString());
        Assert.Equal("failure ratio 0.5 over 10 s (minimum 4 calls)", BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), 0.5, 4).ToString());
        Assert.Equal("failure ratio 0.25 over 1 min (minimum 10 calls)", BreakerPolicy.FailureRatio(TimeSpan.FromMinutes(1), 0.25).ToString());
        Assert.Equal("4 failures in the last 10 calls", BreakerPolicy.LastCalls(10, 4).ToString());
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.ConsecutiveFailures(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.Zero, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromDays(2), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(1), 1, bucketCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(1), 1, bucketCount: 1001));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), 0.5, minimumThroughput: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromMilliseconds(0.5), 0.5));
    }

    [Fact]
    public void Factories_BoundaryArguments_Accepted()
    {
        Assert.Equal(1, Assert.IsType<ConsecutiveFailuresPolicy>(BreakerPolicy.ConsecutiveFailures(1)).Failures);
        var window = Assert.IsType<RollingWindowPolicy>(BreakerPolicy.RollingWindow(TimeSpan.FromMilliseconds(1), 1, bucketCount: 1));
        Assert.Equal((1, 1), (window.Failures, window.BucketCount));
        Assert.Equal(1000, Assert.IsType<RollingWindowPolicy>(BreakerPolicy.RollingWindow(TimeSpan.FromDays(1), 1, bucketCount: 1000)).BucketCount);
        Assert.Equal(1.0, Assert.IsType<FailureRatioPolicy>(BreakerPolicy.FailureRatio(TimeSpan.FromDays(1), 1.0, 1, 1000)).Ratio);
    }

    [Theory]
    [MemberData(nameof(ThreeFailurePolicies))]
    public async Task OpensAt_ThreeFailures_OpensOnTheThirdFailureForEveryPolicy(string policy)
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = ThreeFailures(policy));

        var first = await breaker.FailAsync();
        var second = await breaker.FailAsync();
        Assert.Equal(BreakerState.Closed, breaker.State);
        var third = await breaker.FailAsync();

        Assert.Null(first.Transition);
        Assert.Null(second.Transition);
        var opened = Assert.IsType<CircuitTransition>(third.Transition);
        Assert.Equal((BreakerState.Closed, BreakerState.Open, 3L, 3L), (opened.From, opened.To, opened.Failures, opened.Threshold));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task SharedPolicy_EachBreakerCountsOnItsOwn()
    {
        var clock = BreakerTestKit.NewClock();
        var policy = BreakerPolicy.ConsecutiveFailures(2);
        await using var first = BreakerTestKit.NewBreaker(clock, o => o.Policy = policy);
        await using var second = BreakerTestKit.NewBreaker(clock, o => o.Policy = policy);

        await first.FailAsync();
        await second.FailAsync();
        await first.FailAsync();

        Assert.Equal(BreakerState.Open, first.State);
        Assert.Equal(BreakerState.Closed, second.State);
        Assert.Equal(1, (await second.SnapshotAsync()).ConsecutiveFailures);
    }

    /// <summary>Each policy told to open at 3 failures; the ratio policy needs 3 calls, all failed.</summary>
    private static BreakerPolicy ThreeFailures(string name) => name switch
    {
        "consecutive" => BreakerPolicy.ConsecutiveFailures(failures: 3),
        "window" => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 3),
        "ratio" => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), ratio: 1.0, minimumThroughput: 3),
        _ => BreakerPolicy.LastCalls(calls: 10, failures: 3),
    };
}
