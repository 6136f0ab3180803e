namespace CircuitBreaker.Tests;

public sealed class CircuitOpenExceptionTests
{
    [Fact]
    public void Constructor_WithRetryAfter_SaysWhenToRetry()
    {
        var exception = new CircuitOpenException("orders", CircuitState.Open, TimeSpan.FromMilliseconds(1500));

        Assert.Equal("Circuit 'orders' is Open; retry after 1500 ms.", exception.Message);
        Assert.Equal(CircuitState.Open, exception.State);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), exception.RetryAfter);
    }

    [Fact]
    public void Constructor_WithoutRetryAfter_SaysRejected()
    {
        var exception = new CircuitOpenException("orders", CircuitState.Isolated, null);

        Assert.Equal("Circuit 'orders' is Isolated; the call was rejected.", exception.Message);
        Assert.Null(exception.RetryAfter);
    }

    [Fact]
    public async Task ExecuteAsync_Rejected_ThrowsWithTheBreakersNameAndState()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = "kv";
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
        });
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(7));

        var thrown = await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.ExecuteAsync(BreakerTestKit.Succeed).AsTask());

        Assert.Equal("Circuit 'kv' is Open; retry after 3 s.", thrown.Message);
    }
}
