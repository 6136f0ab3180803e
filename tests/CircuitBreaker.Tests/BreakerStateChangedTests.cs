using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>State a test can trust: the call that caused a transition returns after its event was raised; a change
/// driven by time alone is raised when it is due, with no call; <see cref="Breaker.State"/> follows the clock.</summary>
public sealed class BreakerStateChangedTests
{
    private static readonly TimeSpan Break = BreakerTestKit.Break;
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task StateChanged_CallThatOpened_RaisedBeforeTheCallReturns()
    {
        for (var run = 0; run < 100; run++)
        {
            var clock = BreakerTestKit.NewClock();
            await using var breaker = Consecutive(clock, 2);
            var seen = new ConcurrentQueue<CircuitTransition>();
            breaker.StateChanged += (_, e) => seen.Enqueue(e.Transition);

            await breaker.FailAsync();
            Assert.Empty(seen);
            var outcome = await breaker.FailAsync();

            var raised = Assert.Single(seen);
            Assert.Same(outcome.Transition, raised);
        }
    }

    [Fact]
    public async Task StateChanged_ExecuteAsyncThatOpened_RaisedBeforeTheExceptionReachesTheCaller()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var seen = new ConcurrentQueue<CircuitTransition>();
        breaker.StateChanged += (_, e) => seen.Enqueue(e.Transition);

        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(BreakerTestKit.Fail).AsTask());

        Assert.Equal(BreakerState.Open, Assert.Single(seen).To);
    }

    [Fact]
    public async Task StateChanged_TrialThatClosed_RaisedBeforeTheCallReturns()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        await breaker.FailAsync();
        var halfOpen = breaker.NextTransitionAsync(BreakerState.HalfOpen);
        clock.Advance(Break);
        await halfOpen;
        var events = new EventRecorder(breaker);

        var trial = await breaker.SucceedAsync();

        Assert.True(events.TryNext(out var closed));
        Assert.Same(trial.Transition, closed!.Transition);
        Assert.Equal(BreakerState.Closed, closed.To);
    }

    [Fact]
    public async Task StateChanged_BreakEnds_RaisedOnTimeWithoutAnyCall()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var opened = (await breaker.FailAsync()).Transition!;
        var halfOpen = breaker.NextTransitionAsync(BreakerState.HalfOpen);

        clock.Advance(Break);

        var ended = await halfOpen;
        Assert.Equal((BreakerState.Open, TransitionRule.BreakEnded), (ended.From, ended.Rule));
        Assert.Equal(opened.BreakEndsAt, ended.Time);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task StateChanged_BreakNotYetEnded_NothingRaised()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        await breaker.FailAsync();
        var events = new EventRecorder(breaker);

        clock.Advance(Break - Tick);
        await breaker.SettleAsync();

        Assert.False(events.TryNext(out _));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task StateChanged_TrialDeadlinePasses_RaisedOnTimeWithoutAnyCall()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.TrialDeadline = TimeSpan.FromSeconds(2);
        });
        await breaker.FailAsync();
        clock.Advance(Break);
        var permit = await breaker.AcquireAsync();
        Assert.Equal(BreakerState.HalfOpen, permit.State);
        var reopening = breaker.NextTransitionAsync(BreakerState.Open);

        clock.Advance(TimeSpan.FromSeconds(2));

        var expired = await reopening;
        Assert.Equal((BreakerState.HalfOpen, TransitionRule.TrialDeadlineExceeded), (expired.From, expired.Rule));
        Assert.Equal(clock.GetUtcNow(), expired.Time);
        Assert.Equal(clock.GetUtcNow() + Break, expired.BreakEndsAt);
        Assert.Equal("trial exceeded its deadline of 2 s", expired.Reason);
    }

    [Fact]
    public async Task State_JustAfterAdvancePastTheBreakEnd_ReadsHalfOpen()
    {
        for (var run = 0; run < 100; run++)
        {
            var clock = BreakerTestKit.NewClock();
            await using var breaker = Consecutive(clock, 1);
            await breaker.FailAsync();

            clock.Advance(Break - Tick);
            var before = breaker.State;
            clock.Advance(Tick);
            var after = breaker.State;

            Assert.Equal((BreakerState.Open, BreakerState.HalfOpen), (before, after));
        }
    }

    [Fact]
    public async Task State_HalfOpenPastTheTrialDeadline_ReadsOpen()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.TrialDeadline = TimeSpan.FromSeconds(2);
        });
        await breaker.FailAsync();
        clock.Advance(Break);
        await breaker.AcquireAsync();

        clock.Advance(TimeSpan.FromSeconds(2) - Tick);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        clock.Advance(Tick);

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task State_AfterTheCallThatOpenedReturns_ReadsOpen()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);

        var outcome = await breaker.FailAsync();

        Assert.Equal((BreakerState.Closed, BreakerState.Open), (outcome.State, breaker.State));
    }

    [Fact]
    public async Task StateChanged_HandlerReadingState_SeesTheNewState()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var snapshotInHandler = new TaskCompletionSource<BreakerState>(TaskCreationOptions.RunContinuationsAsynchronously);
        breaker.StateChanged += (_, _) => snapshotInHandler.TrySetResult(breaker.State);

        await breaker.FailAsync();

        Assert.Equal(BreakerState.Open, await snapshotInHandler.Task.WaitAsync(BreakerTestKit.Timeout));
    }

    private static Breaker Consecutive(FakeTimeProvider clock, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(failures));
}
