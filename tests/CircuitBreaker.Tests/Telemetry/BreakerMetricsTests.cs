namespace CircuitBreaker.Tests.Telemetry;

public sealed class BreakerMetricsTests
{
    [Fact]
    public async Task Instruments_CountCallsRejectionsTransitionsAndState_TaggedWithName()
    {
        var clock = BreakerTestKit.NewClock();
        var name = BreakerTestKit.UniqueName("orders");
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = name;
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.ClassifyException = static e => e is InvalidOperationException ? CallVerdict.Failure : CallVerdict.Ignored;
        });
        using var metrics = new MetricsRecorder(breaker);

        await breaker.SucceedAsync();
        await breaker.TryExecuteAsync<int>(_ => throw new ArgumentException("ignored"));
        await breaker.FailAsync();
        await breaker.FailAsync();
        await breaker.SucceedAsync();
        await breaker.SucceedAsync();

        var tag = "breaker.name=" + name;
        Assert.Equal(1, metrics.Total("circuitbreaker.calls", tag, "outcome=success"));
        Assert.Equal(2, metrics.Total("circuitbreaker.calls", tag, "outcome=failure"));
        Assert.Equal(1, metrics.Total("circuitbreaker.calls", tag, "outcome=ignored"));
        Assert.Equal(2, metrics.Total("circuitbreaker.rejections", tag, "state=open"));
        Assert.Equal(1, metrics.Total("circuitbreaker.transitions", tag, "from=closed", "to=open"));
        Assert.Equal((int)BreakerState.Open, metrics.LastState());
    }

    [Fact]
    public async Task StateGauge_RecordedOnEveryTransitionOfTheOwnCircuit()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = BreakerTestKit.UniqueName("gauge");
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
        });
        using var metrics = new MetricsRecorder(breaker);
        Assert.Null(metrics.LastState());

        await breaker.FailAsync();
        Assert.Equal((int)BreakerState.Open, metrics.LastState());
        var halfOpen = breaker.NextTransitionAsync(BreakerState.HalfOpen);
        clock.Advance(BreakerTestKit.Break);
        await halfOpen;
        Assert.Equal((int)BreakerState.HalfOpen, metrics.LastState());
        await breaker.IsolateAsync();
        Assert.Equal((int)BreakerState.Isolated, metrics.LastState());
        await breaker.ResetAsync();

        Assert.Equal((int)BreakerState.Closed, metrics.LastState());
    }

    [Fact]
    public async Task ResultClassifiedAsFailure_CountsAsAFailedCall()
    {
        var clock = BreakerTestKit.NewClock();
        var name = BreakerTestKit.UniqueName("results");
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Name = name);
        using var metrics = new MetricsRecorder(breaker);

        await breaker.ReturnAsync(503, CallVerdict.Failure);
        await breaker.ReturnAsync(200, CallVerdict.Success);
        await breaker.ReturnAsync(404, CallVerdict.Ignored);

        Assert.Equal(1, metrics.Total("circuitbreaker.calls", "outcome=failure"));
        Assert.Equal(1, metrics.Total("circuitbreaker.calls", "outcome=success"));
        Assert.Equal(1, metrics.Total("circuitbreaker.calls", "outcome=ignored"));
    }

    [Fact]
    public async Task Meter_IsNamedCircuitBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock);

        Assert.Equal("CircuitBreaker", breaker.Meter.Name);
    }
}
