namespace CircuitBreaker.Tests;

public sealed class BreakerOutcomeTests
{
    [Fact]
    public async Task Outcomes_DescribeHowTheCallEnded()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));

        var success = await breaker.SucceedAsync();
        var failure = await breaker.FailAsync();
        var rejection = await breaker.SucceedAsync();

        Assert.Equal((true, false, 42, (Exception?)null), (success.IsSuccess, success.IsRejected, success.Value, success.Exception));
        Assert.Equal("Succeeded(42) in Closed", success.ToString());
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal("Faulted(InvalidOperationException) in Closed", failure.ToString());
        Assert.Equal("Rejected in Open", rejection.ToString());
        Assert.Equal(rejection, await breaker.SucceedAsync());
        Assert.NotEqual(success, rejection);
    }
}
