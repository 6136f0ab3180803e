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

        Assert.Equal(BreakerState.Closed, breaker.State);
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
        Assert.Equal(BreakerState.Closed, breaker.State);
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

        Assert.Equal(BreakerState.HalfOpen, trial.State);
        Assert.Equal(BreakerState.Closed, breaker.State);
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
        Assert.Equal(BreakerState.HalfOpen, whileBusy.State);
        Assert.True(next.IsGranted);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
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
        Assert.Equal(BreakerState.Open, rejected.State);
        Assert.Equal(TimeSpan.FromSeconds(6), rejected.RetryAfter);
        await Assert.ThrowsAsync<InvalidOperationException>(() => rejected.ReportSuccessAsync().AsTask());
    }

    [Fact]
    public async Task ReportFailureAsync_ExceptionTheClassifierIgnores_DoesNotCount()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.ClassifyException = static e => e is TimeoutException ? CallVerdict.Failure : CallVerdict.Ignored;
        });

        var permit = await breaker.AcquireAsync();
        await permit.ReportFailureAsync(new ArgumentException("bad key"));
        Assert.Equal(BreakerState.Closed, breaker.State);

        var second = await breaker.AcquireAsync();
        await second.ReportFailureAsync(new TimeoutException());
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ReportFailureAsync_FailureThatOpens_ReturnsTheTransitionAlreadyRaised()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var events = new EventRecorder(breaker);
        var permit = await breaker.AcquireAsync();

        var effect = await permit.ReportFailureAsync(new TimeoutException());

        Assert.True(events.TryNext(out var raised));
        var opened = Assert.IsType<CircuitTransition>(effect.Transition);
        Assert.Same(opened, raised!.Transition);
        Assert.Equal((BreakerState.Closed, BreakerState.Open, TransitionRule.ConsecutiveFailures), (opened.From, opened.To, opened.Rule));
    }

    [Fact]
    public async Task ReportSuccessAsync_TrialThatCloses_ReturnsTheClosingTransition()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);
        var trial = await breaker.AcquireAsync();

        var effect = await trial.ReportSuccessAsync();
        var second = await trial.ReportSuccessAsync();

        Assert.Equal((BreakerState.HalfOpen, BreakerState.Closed, TransitionRule.TrialsSucceeded), (effect.Transition!.From, effect.Transition.To, effect.Transition.Rule));
        Assert.Null(second.Transition);
    }

    [Fact]
    public async Task ReportResultAsync_ResultTheOptionsClassifyAsFailure_CountsWithoutAnException()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.ClassifyResult = static r => r is "ERR UNAVAILABLE" ? CallVerdict.Failure : CallVerdict.Success;
        });

        await (await breaker.AcquireAsync()).ReportResultAsync("ERR UNAVAILABLE");
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        await (await breaker.AcquireAsync()).ReportResultAsync("OK");
        Assert.Equal(0, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ReportResultAsync_NoClassifier_CountsAsSuccess()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));
        await breaker.FailAsync();

        await (await breaker.AcquireAsync()).ReportResultAsync("ERR UNAVAILABLE");

        Assert.Equal(0, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ReportResultAsync_SlowCallThreshold_TimedFromThePermit()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.SlowCallThreshold = TimeSpan.FromSeconds(1);
        });

        var fast = await breaker.AcquireAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        await fast.ReportResultAsync("OK");
        Assert.Equal(BreakerState.Closed, breaker.State);

        var slow = await breaker.AcquireAsync();
        clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));
        var effect = await slow.ReportResultAsync("OK");

        Assert.Equal(TransitionRule.ConsecutiveFailures, effect.Transition?.Rule);
    }

    [Fact]
    public async Task ReportAsync_FailureWithRetryAfter_SetsTheBreak()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var permit = await breaker.AcquireAsync();

        var effect = await permit.ReportAsync(CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(3)));

        Assert.Equal(TimeSpan.FromSeconds(3), effect.Transition!.BreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(3), (await breaker.AcquireAsync()).RetryAfter);
    }

    [Fact]
    public async Task ReportFailureAsync_WithoutException_CountsAsFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.ClassifyException = static _ => CallVerdict.Ignored;
        });

        await (await breaker.AcquireAsync()).ReportFailureAsync();

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task Granted_HasNoRetryAfter()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock);

        var permit = await breaker.AcquireAsync();

        Assert.True(permit.IsGranted);
        Assert.Equal(BreakerState.Closed, permit.State);
        Assert.Null(permit.RetryAfter);
    }
}
