namespace CircuitBreaker.Tests;

public sealed class BreakerTests
{
    [Fact]
    public async Task ExecuteAsync_ThreeConsecutiveFailures_FourthCallRejected()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(3));

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(BreakerOutcomeKind.Faulted, (await breaker.FailAsync()).Kind);
        }

        var rejected = await breaker.SucceedAsync();
        Assert.Equal(BreakerOutcomeKind.Rejected, rejected.Kind);
        Assert.Equal(CircuitState.Open, rejected.State);
        Assert.Equal(TimeSpan.FromSeconds(10), rejected.RetryAfter);
        var thrown = await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.ExecuteAsync(BreakerTestKit.Succeed).AsTask());
        Assert.Equal(CircuitState.Open, thrown.State);
    }
}
