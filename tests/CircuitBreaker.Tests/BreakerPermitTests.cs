namespace CircuitBreaker.Tests;

public sealed class BreakerPermitTests
{
    [Fact]
    public async Task ReportFailureAsync_Twice_CountsOnce()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));
        var permit = await breaker.AcquireAsync();
        var copy = permit;

        await permit.ReportFailureAsync();
        await permit.ReportFailureAsync();
        await copy.ReportFailureAsync();

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task Permit_NeverReportedWhileClosed_CountsForNothing()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));

        var abandoned = await breaker.AcquireAsync();
        await breaker.FailAsync();

        Assert.True(abandoned.IsGranted);
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task Trial_ReportedSuccessThenFailure_SecondReportIgnored()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(10));

        var trial = await breaker.AcquireAsync();
        await trial.ReportSuccessAsync();
        await trial.ReportFailureAsync();

        Assert.Equal(CircuitState.HalfOpen, trial.State);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task Trial_ReportedIgnored_FreesTheSlot()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(10));
        var first = await breaker.AcquireAsync();
        var whileBusy = await breaker.AcquireAsync();

        await first.ReportIgnoredAsync();
        var next = await breaker.AcquireAsync();

        Assert.False(whileBusy.IsGranted);
        Assert.Equal(CircuitState.HalfOpen, whileBusy.State);
        Assert.True(next.IsGranted);
        Assert.Equal(CircuitState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task Rejected_CarriesRetryAfter_AndCannotBeReported()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(4));

        var rejected = await breaker.AcquireAsync();

        Assert.False(rejected.IsGranted);
        Assert.Equal(CircuitState.Open, rejected.State);
        Assert.Equal(TimeSpan.FromSeconds(6), rejected.RetryAfter);
        await Assert.ThrowsAsync<InvalidOperationException>(() => rejected.ReportSuccessAsync().AsTask());
    }

    [Fact]
    public async Task ReportFailureAsync_ExceptionThePredicateIgnores_DoesNotCount()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.IsFailure = static e => e is TimeoutException;
        });

        var permit = await breaker.AcquireAsync();
        await permit.ReportFailureAsync(new ArgumentException("bad key"));
        Assert.Equal(CircuitState.Closed, breaker.State);

        var second = await breaker.AcquireAsync();
        await second.ReportFailureAsync(new TimeoutException());
        Assert.Equal(CircuitState.Open, breaker.State);
    }
}
