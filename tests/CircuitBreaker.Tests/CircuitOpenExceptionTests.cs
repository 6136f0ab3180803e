namespace CircuitBreaker.Tests;

public sealed class CircuitOpenExceptionTests
{
    [Fact]
    public void Constructor_WithRetryAfter_SaysWhenToRetry()
    {
        var exception = new CircuitOpenException("orders", BreakerState.Open, TimeSpan.FromMilliseconds(1500));

        Assert.Equal("Circuit 'orders' is Open; retry after 1500 ms.", exception.Message);
        Assert.Equal("orders", exception.BreakerName);
        Assert.Equal(BreakerState.Open, exception.State);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), exception.RetryAfter);
    }

    [Fact]
    public void Constructor_WithoutRetryAfter_SaysRejected()
    {
        var exception = new CircuitOpenException("orders", BreakerState.Isolated, null);

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
        Assert.Equal("kv", thrown.BreakerName);
        Assert.Equal(BreakerState.Open, thrown.State);
    }

    [Fact]
    public void Constructor_WithoutBreaker_HasNoBreakerName()
    {
        Assert.Null(new CircuitOpenException().BreakerName);
        Assert.Null(new CircuitOpenException("closed for lunch").BreakerName);
        Assert.Equal("The circuit is open.", new CircuitOpenException().Message);
    }

    [Fact]
    public async Task ExecuteAsync_RejectedWhileIsolated_NamesTheBreakerWithoutRetryAfter()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Name = "payments");
        await breaker.IsolateAsync();

        var thrown = await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.ExecuteAsync(BreakerTestKit.Succeed).AsTask());

        Assert.Equal(("payments", BreakerState.Isolated, (TimeSpan?)null), (thrown.BreakerName, thrown.State, thrown.RetryAfter));
    }
}
