namespace CircuitBreaker.Tests;

/// <summary>The transition a call caused comes back on that call's outcome, with the rule and its numbers, and it is
/// the object <see cref="Breaker.StateChanged"/> raised.</summary>
public sealed class CircuitTransitionTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ConsecutiveFailures_Opening_CarriesCountThresholdAndBreak()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(3));
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(1));

        var opened = (await breaker.FailAsync()).Transition!;

        Assert.Equal((BreakerState.Closed, BreakerState.Open, TransitionRule.ConsecutiveFailures), (opened.From, opened.To, opened.Rule));
        Assert.Equal((3L, 3L, 3L), (opened.Failures, opened.Calls, opened.Threshold));
        Assert.Equal(((TimeSpan?)null, (double?)null, (double?)null), (opened.Window, opened.Ratio, opened.RatioThreshold));
        Assert.Equal(clock.GetUtcNow(), opened.Time);
        Assert.Equal(clock.GetUtcNow() + BreakerTestKit.Break, opened.BreakEndsAt);
        Assert.Equal(BreakerTestKit.Break, opened.BreakDuration);
        Assert.Equal(BreakerState.HalfOpen, opened.BreakEndsIn);
        Assert.Null(opened.RetryAfter);
        Assert.Null(opened.Shadow);
        Assert.Equal("3 consecutive failures", opened.Reason);
        Assert.Equal("Closed -> Open: 3 consecutive failures", opened.ToString());
    }

    [Fact]
    public async Task RollingWindow_Opening_CarriesFailuresCallsThresholdAndWindow()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.RollingWindow(Window, failures: 3));
        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();

        var opened = (await breaker.FailAsync()).Transition!;

        Assert.Equal(TransitionRule.FailuresInWindow, opened.Rule);
        Assert.Equal((3L, 5L, 3L, (TimeSpan?)Window), (opened.Failures, opened.Calls, opened.Threshold, opened.Window));
        Assert.Equal((clock.GetUtcNow() + BreakerTestKit.Break, (TimeSpan?)BreakerTestKit.Break), (opened.BreakEndsAt, opened.BreakDuration));
        Assert.Null(opened.Ratio);
        Assert.Equal("3 failures in the last 10 s (opens at 3)", opened.Reason);
    }

    [Fact]
    public async Task RollingWindowWithoutBreak_Opening_EndsWhenTheFailuresAgeOut()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.RollingWindow(Window, failures: 2, bucketCount: 10);
            o.BreakDuration = null;
        });
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(4));

        var opened = (await breaker.FailAsync()).Transition!;

        // The failure at 0 s leaves the window at 10 s, 6 s from now.
        Assert.Equal((BreakerState.Closed, TimeSpan.FromSeconds(6)), (opened.BreakEndsIn!.Value, opened.BreakDuration!.Value));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(6), opened.BreakEndsAt);
    }

    [Fact]
    public async Task FailureRatio_Opening_CarriesRatioCallsAndMinimumThroughput()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.FailureRatio(Window, ratio: 0.5, minimumThroughput: 4));
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        await breaker.FailAsync();

        var opened = (await breaker.FailAsync()).Transition!;

        Assert.Equal(TransitionRule.FailureRatio, opened.Rule);
        Assert.Equal((3L, 6L, 4L), (opened.Failures, opened.Calls, opened.Threshold));
        Assert.Equal(((double?)0.5, (double?)0.5, (TimeSpan?)Window), (opened.Ratio, opened.RatioThreshold, opened.Window));
        Assert.Equal(clock.GetUtcNow() + BreakerTestKit.Break, opened.BreakEndsAt);
        Assert.Equal("3 of 6 calls failed in the last 10 s: 50% >= 50%", opened.Reason);
    }

    [Fact]
    public async Task FailureRatio_RatioAboveTheThreshold_IsTheObservedShare()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.FailureRatio(Window, ratio: 0.5, minimumThroughput: 8));
        for (var i = 0; i < 3; i++)
        {
            await breaker.SucceedAsync();
        }

        for (var i = 0; i < 4; i++)
        {
            await breaker.FailAsync();
        }

        var opened = (await breaker.FailAsync()).Transition!;

        Assert.Equal((5L, 8L, 0.625), (opened.Failures, opened.Calls, opened.Ratio!.Value));
        Assert.Equal("5 of 8 calls failed in the last 10 s: 62.5% >= 50%", opened.Reason);
    }

    [Fact]
    public async Task LastCalls_Opening_CarriesFailuresAmongTheLastCalls()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.LastCalls(calls: 10, failures: 4));
        foreach (var fail in new[] { true, false, true, false, false, true, false, false })
        {
            Assert.Null((fail ? await breaker.FailAsync() : await breaker.SucceedAsync()).Transition);
        }

        var opened = (await breaker.FailAsync()).Transition!;

        Assert.Equal(TransitionRule.FailuresInLastCalls, opened.Rule);
        Assert.Equal((4L, 9L, 4L, (TimeSpan?)null), (opened.Failures, opened.Calls, opened.Threshold, opened.Window));
        Assert.Equal((clock.GetUtcNow() + BreakerTestKit.Break, (TimeSpan?)BreakerTestKit.Break), (opened.BreakEndsAt, opened.BreakDuration));
        Assert.Equal("4 of the last 9 calls failed (opens at 4)", opened.Reason);
    }

    [Fact]
    public async Task TrialOutcomes_CarryTheirRules()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.SuccessesToClose = 2;
            o.BreakDurationGrowthFactor = 2;
        });
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);

        var failedTrial = await breaker.FailAsync();
        clock.Advance(2 * BreakerTestKit.Break);
        var firstTrial = await breaker.SucceedAsync();
        var secondTrial = await breaker.SucceedAsync();

        var reopened = failedTrial.Transition!;
        Assert.Equal((BreakerState.HalfOpen, BreakerState.Open, TransitionRule.TrialFailed, "trial failed"), (reopened.From, reopened.To, reopened.Rule, reopened.Reason));
        Assert.Equal(2 * BreakerTestKit.Break, reopened.BreakDuration);
        Assert.Equal(reopened.Time + (2 * BreakerTestKit.Break), reopened.BreakEndsAt);
        Assert.Null(firstTrial.Transition);
        var closed = secondTrial.Transition!;
        Assert.Equal((BreakerState.HalfOpen, BreakerState.Closed, TransitionRule.TrialsSucceeded, 2L), (closed.From, closed.To, closed.Rule, closed.Threshold));
        Assert.Equal("2 trials succeeded", closed.Reason);
        Assert.Null(closed.BreakEndsAt);
    }

    [Fact]
    public async Task BreakEnded_CarriesTheLengthOfTheBreakThatEnded()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var opened = (await breaker.FailAsync()).Transition!;
        var halfOpen = breaker.NextTransitionAsync(BreakerState.HalfOpen);

        clock.Advance(BreakerTestKit.Break);
        var ended = await halfOpen;

        Assert.Equal((TransitionRule.BreakEnded, (TimeSpan?)BreakerTestKit.Break, "break of 10 s ended"), (ended.Rule, ended.BreakDuration, ended.Reason));
        Assert.Equal(opened.BreakEndsAt, ended.Time);
        Assert.Null(ended.BreakEndsAt);
    }

    [Fact]
    public void EventArgs_NullTransition_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new CircuitStateChangedEventArgs(null!));
    }

    [Fact]
    public async Task EventArgs_FromToTimeAndReason_AreTheTransitions()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var events = new EventRecorder(breaker);

        await breaker.FailAsync();

        Assert.True(events.TryNext(out var args));
        var transition = args!.Transition;
        Assert.Equal((transition.From, transition.To, transition.Time, transition.Reason), (args.From, args.To, args.Time, args.Reason));
        Assert.Equal(transition.ToString(), args.ToString());
    }
}
