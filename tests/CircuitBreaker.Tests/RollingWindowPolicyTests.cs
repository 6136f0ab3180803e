using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>The rolling-window policy through the breaker: 10 s window in 10 buckets of 1 s, opening at 3 failures.</summary>
public sealed class RollingWindowPolicyTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task Failures_OneShortOfTheCount_StayClosed_TheCountOpens()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        var events = new EventRecorder(breaker);

        await breaker.FailAsync();
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Closed, breaker.State);
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal("3 failures in the last 10 s (opens at 3)", (await events.NextAsync()).Reason);
    }

    [Fact]
    public async Task Failure_LastTickOfItsWindow_StillCounts()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        await breaker.FailAsync();
        await breaker.FailAsync();

        clock.Advance(TimeSpan.FromSeconds(10) - Tick);
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task Failure_AtBucketEdgeTenSecondsLater_HasLeftTheWindow()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        await breaker.FailAsync();
        await breaker.FailAsync();

        clock.Advance(TimeSpan.FromSeconds(10));
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(1, (await breaker.SnapshotAsync()).FailuresInWindow);
    }

    [Fact]
    public async Task Failure_LateInItsBucket_LeavesAtTheBucketEdge()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);

        // Both failures fall in bucket 0 (0 s .. 1 s), the second one just before its end.
        await breaker.FailAsync();
        clock.Advance(Second - Tick);
        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(2, (await breaker.SnapshotAsync()).FailuresInWindow);

        // At exactly 10 s both are gone, although the second happened only 9 s + 1 tick ago.
        clock.Advance(Tick);
        Assert.Equal(0, (await breaker.SnapshotAsync()).FailuresInWindow);
    }

    [Fact]
    public async Task Open_WithoutBreakDuration_ClosesExactlyWhenFailuresAgeOut()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        var events = new EventRecorder(breaker);
        await breaker.FailAsync();
        clock.Advance(Second);
        await breaker.FailAsync();
        clock.Advance(Second);
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);
        await events.NextAsync();

        // The failure of bucket 0 leaves at 10 s: 8 s from now.
        var rejected = await breaker.SucceedAsync();
        Assert.Equal(TimeSpan.FromSeconds(8), rejected.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(8) - Tick);
        Assert.True((await breaker.SucceedAsync()).IsRejected);
        clock.Advance(Tick);
        var admitted = await breaker.SucceedAsync();

        Assert.Equal(BreakerState.Closed, admitted.State);
        var closed = await events.NextAsync();
        Assert.Equal((BreakerState.Open, BreakerState.Closed), (closed.From, closed.To));
        Assert.Equal("failures aged out: 2 in the last 10 s < 3", closed.Reason);
        Assert.Equal(2, (await breaker.SnapshotAsync()).FailuresInWindow);

        // The failures still in the window keep counting: one more re-opens, until 11 s.
        await breaker.FailAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), (await breaker.SucceedAsync()).RetryAfter);
    }

    [Fact]
    public async Task Open_WithBreakDuration_UsesHalfOpen()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock, TimeSpan.FromSeconds(3));
        for (var i = 0; i < 3; i++)
        {
            await breaker.FailAsync();
        }

        clock.Advance(TimeSpan.FromSeconds(3));
        var trial = await breaker.SucceedAsync();

        Assert.Equal(BreakerState.HalfOpen, trial.State);
        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(0, (await breaker.SnapshotAsync()).FailuresInWindow);
    }

    [Fact]
    public async Task Snapshot_CountsSuccessesAndFailuresInTheWindow()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        for (var i = 0; i < 5; i++)
        {
            await breaker.SucceedAsync();
        }

        await breaker.FailAsync();
        clock.Advance(TimeSpan.FromSeconds(5));
        await breaker.SucceedAsync();

        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal(1, snapshot.FailuresInWindow);
        Assert.Equal(7, snapshot.CallsInWindow);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(1, (await breaker.SnapshotAsync()).CallsInWindow);
    }

    [Fact]
    public async Task Open_WithoutBreakDuration_ClosesByTimeAloneWithoutAnyCall()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        await breaker.FailAsync();
        clock.Advance(Second);
        await breaker.FailAsync();
        clock.Advance(Second);
        var opening = await breaker.FailAsync();
        var closing = breaker.NextTransitionAsync(BreakerState.Closed);

        clock.Advance(TimeSpan.FromSeconds(8));

        var closed = await closing;
        Assert.Equal(BreakerState.Closed, opening.Transition!.BreakEndsIn);
        Assert.Equal(opening.Transition.BreakEndsAt, closed.Time);
        Assert.Equal(clock.GetUtcNow(), closed.Time);
        Assert.Equal((TransitionRule.FailuresAgedOut, 2L, 3L, (TimeSpan?)TimeSpan.FromSeconds(10)), (closed.Rule, closed.Failures, closed.Threshold, closed.Window));
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task State_WithoutBreakDuration_ReadsClosedOnceFailuresAgedOut()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        for (var i = 0; i < 3; i++)
        {
            await breaker.FailAsync();
        }

        clock.Advance(TimeSpan.FromSeconds(10) - Tick);
        Assert.Equal(BreakerState.Open, breaker.State);
        clock.Advance(Tick);

        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task IgnoredResult_ChangesNoCount()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Window(clock);
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        var before = await breaker.SnapshotAsync();

        var ignored = await breaker.ReturnAsync(7, CallVerdict.Ignored);

        var after = await breaker.SnapshotAsync();
        Assert.Equal((7, CallVerdictKind.Ignored), (ignored.Value, ignored.CountedAs));
        Assert.Equal((2L, 1L), (before.CallsInWindow, before.FailuresInWindow));
        Assert.Equal((before.CallsInWindow, before.FailuresInWindow), (after.CallsInWindow, after.FailuresInWindow));
    }

    private static Breaker Window(FakeTimeProvider clock, TimeSpan? breakDuration = null) =>
        BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 3, bucketCount: 10);
            o.BreakDuration = breakDuration;
        });
}
