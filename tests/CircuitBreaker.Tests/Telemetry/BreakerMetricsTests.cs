namespace CircuitBreaker.Tests.Telemetry;

public sealed class BreakerMetricsTests
{
    [Fact]
    public async Task Instruments_CountCallsRejectionsTransitionsAndState_TaggedWithName()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = "orders";
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.IsFailure = static e => e is InvalidOperationException;
        });
        using var metrics = new MetricsRecorder(breaker);

        await breaker.SucceedAsync();
        await breaker.TryExecuteAsync<int>(_ => throw new ArgumentException("ignored"));
        await breaker.FailAsync();
        await breaker.FailAsync();
        await breaker.SucceedAsync();
        await breaker.SucceedAsync();

        Assert.Equal(1, metrics.Total("circuitbreaker.calls", "breaker.name=orders", "outcome=success"));
        Assert.Equal(2, metrics.Total("circuitbreaker.calls", "breaker.name=orders", "outcome=failure"));
        Assert.Equal(1, metrics.Total("circuitbreaker.calls", "breaker.name=orders", "outcome=ignored"));
        Assert.Equal(2, metrics.Total("circuitbreaker.rejections", "breaker.name=orders", "state=open"));
        Assert.Equal(1, metrics.Total("circuitbreaker.transitions", "breaker.name=orders", "from=closed", "to=open"));
        Assert.Equal((int)CircuitState.Open, metrics.ObserveState());
    }

    [Fact]
    public async Task Meter_IsNamedCircuitBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock);

        Assert.Equal("CircuitBreaker", breaker.Meter.Name);
    }
}
