using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

public sealed class BreakerTests
{
    private static readonly TimeSpan Break = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ExecuteAsync_ThreeConsecutiveFailures_FourthCallRejected()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(BreakerOutcomeKind.Faulted, (await breaker.FailAsync()).Kind);
        }

        var rejected = await breaker.SucceedAsync();
        Assert.Equal(BreakerOutcomeKind.Rejected, rejected.Kind);
        Assert.Equal(BreakerState.Open, rejected.State);
        Assert.Equal(Break, rejected.RetryAfter);
        var thrown = await Assert.ThrowsAsync<CircuitOpenException>(() => breaker.ExecuteAsync(BreakerTestKit.Succeed).AsTask());
        Assert.Equal(BreakerState.Open, thrown.State);
        Assert.Equal(Break, thrown.RetryAfter);
    }

    [Fact]
    public async Task ExecuteAsync_RepeatedSequentialRuns_TripExactlyAtThresholdEveryTime()
    {
        for (var run = 0; run < 200; run++)
        {
            var clock = BreakerTestKit.NewClock();
            await using var breaker = Consecutive(clock, 3);
            await breaker.FailAsync();
            await breaker.FailAsync();
            Assert.Equal(BreakerState.Closed, breaker.State);
            await breaker.FailAsync();
            Assert.Equal(BreakerState.Open, breaker.State);
            Assert.True((await breaker.SucceedAsync()).IsRejected);
        }
    }

    [Fact]
    public async Task ExecuteAsync_FailuresOneShortOfThreshold_StaysClosed()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);

        await breaker.FailAsync();
        await breaker.FailAsync();

        Assert.Equal(BreakerOutcomeKind.Completed, (await breaker.SucceedAsync()).Kind);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_SuccessBetweenFailures_ResetsConsecutiveCount()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);

        await breaker.FailAsync();
        await breaker.FailAsync();
        await breaker.SucceedAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(2, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_OneTickBeforeBreakEnds_Rejected_AtInstant_AdmitsTrial()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        await breaker.FailAsync();

        clock.Advance(Break - TimeSpan.FromTicks(1));
        var early = await breaker.SucceedAsync();
        Assert.True(early.IsRejected);
        Assert.Equal(TimeSpan.FromTicks(1), early.RetryAfter);

        clock.Advance(TimeSpan.FromTicks(1));
        var trial = await breaker.SucceedAsync();
        Assert.Equal(BreakerOutcomeKind.Completed, trial.Kind);
        Assert.Equal(BreakerState.HalfOpen, trial.State);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_FailedTrial_ReopensForAnotherBreak()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        await breaker.FailAsync();
        clock.Advance(Break);

        var trial = await breaker.FailAsync();

        Assert.Equal(BreakerState.HalfOpen, trial.State);
        Assert.Equal(BreakerState.Open, breaker.State);
        var rejected = await breaker.SucceedAsync();
        Assert.Equal(Break, rejected.RetryAfter);
    }

    [Fact]
    public async Task HalfOpen_MaxCallsInFlight_RejectsTheNext()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.HalfOpenMaxCalls = 2;
        });
        await breaker.FailAsync();
        clock.Advance(Break);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = breaker.TryExecuteAsync(_ => new ValueTask<int>(release.Task)).AsTask();
        var second = breaker.TryExecuteAsync(_ => new ValueTask<int>(release.Task)).AsTask();
        var third = await breaker.SucceedAsync();

        Assert.True(third.IsRejected);
        Assert.Equal(BreakerState.HalfOpen, third.State);
        Assert.Null(third.RetryAfter);
        Assert.Equal(2, (await breaker.SnapshotAsync()).TrialsInFlight);
        release.SetResult(1);
        Assert.Equal(BreakerOutcomeKind.Completed, (await first.WaitAsync(BreakerTestKit.Timeout)).Kind);
        Assert.Equal(BreakerOutcomeKind.Completed, (await second.WaitAsync(BreakerTestKit.Timeout)).Kind);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task HalfOpen_SuccessesToClose_ClosesOnlyAfterThatManyTrials()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.SuccessesToClose = 3;
        });
        var events = new EventRecorder(breaker);
        await breaker.FailAsync();
        clock.Advance(Break);

        await breaker.SucceedAsync();
        await breaker.SucceedAsync();
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        Assert.Equal(2, (await breaker.SnapshotAsync()).TrialSuccesses);
        await breaker.SucceedAsync();

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal("1 consecutive failures", (await events.NextAsync()).Reason);
        Assert.Equal("break of 10 s ended", (await events.NextAsync()).Reason);
        Assert.Equal("3 trials succeeded", (await events.NextAsync()).Reason);
    }

    [Fact]
    public async Task HalfOpen_TrialPastDeadline_CountsAsFailedAndReopens()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.TrialDeadline = TimeSpan.FromSeconds(2);
        });
        var events = new EventRecorder(breaker);
        await breaker.FailAsync();
        clock.Advance(Break);
        var hang = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = breaker.TryExecuteAsync(_ => new ValueTask<int>(hang.Task)).AsTask();
        await breaker.SettleAsync();

        clock.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromTicks(1));
        Assert.True((await breaker.SucceedAsync()).IsRejected);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
        clock.Advance(TimeSpan.FromTicks(1));
        var afterDeadline = await breaker.SucceedAsync();

        Assert.True(afterDeadline.IsRejected);
        Assert.Equal(BreakerState.Open, afterDeadline.State);
        Assert.Equal(Break, afterDeadline.RetryAfter);
        await events.NextAsync();
        await events.NextAsync();
        Assert.Equal("trial exceeded its deadline of 2 s", (await events.NextAsync()).Reason);

        // The late outcome of the expired trial changes nothing.
        hang.SetResult(1);
        Assert.Equal(BreakerOutcomeKind.Completed, (await hanging.WaitAsync(BreakerTestKit.Timeout)).Kind);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task HalfOpen_TrialDeadline_ObservedByTimerWithoutAnyCall()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.TrialDeadline = TimeSpan.FromSeconds(2);
        });
        var events = new EventRecorder(breaker);
        await breaker.FailAsync();
        clock.Advance(Break);
        var permit = await breaker.AcquireAsync();
        Assert.True(permit.IsGranted);
        await breaker.SettleAsync();

        clock.Advance(TimeSpan.FromSeconds(2));

        await events.NextAsync();
        await events.NextAsync();
        var expired = await events.NextAsync();
        Assert.Equal(BreakerState.Open, expired.To);
        Assert.Equal(clock.GetUtcNow(), expired.Time);
    }

    [Fact]
    public async Task BreakDuration_GrowsOnEachReopen_UpToTheCap()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.BreakDuration = TimeSpan.FromSeconds(1);
            o.BreakDurationGrowthFactor = 2;
            o.MaxBreakDuration = TimeSpan.FromSeconds(5);
        });
        await breaker.FailAsync();
        var expected = new[] { 1, 2, 4, 5, 5 };
        foreach (var seconds in expected)
        {
            var rejected = await breaker.SucceedAsync();
            Assert.Equal(TimeSpan.FromSeconds(seconds), rejected.RetryAfter);
            clock.Advance(TimeSpan.FromSeconds(seconds));
            Assert.Equal(BreakerState.HalfOpen, (await breaker.FailAsync()).State);
        }

        // Closing resets the growth.
        clock.Advance(TimeSpan.FromSeconds(5));
        await breaker.SucceedAsync();
        Assert.Equal(BreakerState.Closed, breaker.State);
        await breaker.FailAsync();
        Assert.Equal(TimeSpan.FromSeconds(1), (await breaker.SucceedAsync()).RetryAfter);
    }

    [Fact]
    public async Task BreakDuration_TenMinutesWithTheDefaultMaximum_IsAcceptedAndLastsTenMinutes()
    {
        var clock = BreakerTestKit.NewClock();
        var tenMinutes = TimeSpan.FromMinutes(10);
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.BreakDuration = tenMinutes;
        });

        var opened = (await breaker.FailAsync()).Transition!;
        clock.Advance(tenMinutes - TimeSpan.FromTicks(1));
        var before = breaker.State;
        clock.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(tenMinutes, opened.BreakDuration);
        Assert.Equal((BreakerState.Open, BreakerState.HalfOpen), (before, breaker.State));
    }

    [Fact]
    public async Task BreakDuration_FixedBreakLongerThanTheMaximum_DoesNotGrowPastItself()
    {
        var clock = BreakerTestKit.NewClock();
        var tenMinutes = TimeSpan.FromMinutes(10);
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.BreakDuration = tenMinutes;
            o.BreakDurationGrowthFactor = 2;
        });
        await breaker.FailAsync();
        clock.Advance(tenMinutes);

        var reopened = (await breaker.FailAsync()).Transition!;

        Assert.Equal((TransitionRule.TrialFailed, (TimeSpan?)tenMinutes), (reopened.Rule, reopened.BreakDuration));
    }

    [Fact]
    public async Task IsolateAsync_HoldsOpenPastAnyBreak_UntilReset()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);
        var events = new EventRecorder(breaker);

        var isolated = await breaker.IsolateAsync();
        clock.Advance(TimeSpan.FromDays(2));

        var rejected = await breaker.SucceedAsync();
        Assert.Equal(BreakerState.Isolated, rejected.State);
        Assert.Null(rejected.RetryAfter);
        var change = await events.NextAsync();
        Assert.Equal((BreakerState.Closed, BreakerState.Isolated, "isolated manually"), (change.From, change.To, change.Reason));
        Assert.Same(isolated, change.Transition);
        Assert.Equal(TransitionRule.Isolated, isolated!.Rule);

        var reset = await breaker.ResetAsync();
        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.True((await breaker.SucceedAsync()).HasValue);
        Assert.Same(reset, (await events.NextAsync()).Transition);
        Assert.Equal((BreakerState.Isolated, BreakerState.Closed, TransitionRule.Reset, "reset manually"), (reset!.From, reset.To, reset.Rule, reset.Reason));
    }

    [Fact]
    public async Task IsolateAsync_AlreadyIsolated_ReturnsNoTransition()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);

        Assert.NotNull(await breaker.IsolateAsync());
        var again = await breaker.IsolateAsync();

        Assert.Null(again);
        Assert.Equal(BreakerState.Isolated, breaker.State);
    }

    [Fact]
    public async Task ResetAsync_WhileClosed_ReturnsNoTransition()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);
        var events = new EventRecorder(breaker);

        var reset = await breaker.ResetAsync();

        Assert.Null(reset);
        Assert.False(events.TryNext(out _));
    }

    [Fact]
    public async Task IsolateAndResetAsync_CancelledToken_AreCancelledWithoutEffect()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => breaker.IsolateAsync(cancellation.Token).AsTask());
        await breaker.FailAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => breaker.ResetAsync(cancellation.Token).AsTask());
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => breaker.GetSnapshotAsync(cancellation.Token).AsTask());

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ResetAsync_WhileClosed_ClearsCounts()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 3);
        await breaker.FailAsync();
        await breaker.FailAsync();

        await breaker.ResetAsync();
        await breaker.FailAsync();
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(2, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ResetAsync_WhileOpen_ClosesAndIgnoresOutcomesOfEarlierCalls()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 2);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = breaker.TryExecuteAsync(_ => new ValueTask<int>(release.Task)).AsTask();
        await breaker.FailAsync();
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);

        await breaker.ResetAsync();
        await breaker.FailAsync();
        release.SetException(new InvalidOperationException("late"));
        await slow.WaitAsync(BreakerTestKit.Timeout);

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ClassifyException_IgnoredException_CountsAsNeither()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.ClassifyException = static e => e is ArgumentException ? CallVerdict.Ignored : CallVerdict.Failure;
        });
        await breaker.FailAsync();

        var ignored = await breaker.TryExecuteAsync<int>(_ => throw new ArgumentException("caller's fault"));

        Assert.Equal(BreakerOutcomeKind.Faulted, ignored.Kind);
        Assert.Equal(CallVerdictKind.Ignored, ignored.CountedAs);
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_CallersOwnCancellation_IsNotAFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            breaker.ExecuteAsync(ct => ValueTask.FromCanceled<int>(ct), cancellation.Token).AsTask());

        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(0, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task ExecuteAsync_CancellationNotFromCaller_IsAFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);

        await Assert.ThrowsAsync<TaskCanceledException>(() =>
            breaker.ExecuteAsync<int>(_ => throw new TaskCanceledException("someone else's timeout")).AsTask());

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_RethrowsTheOperationsException()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 5);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(BreakerTestKit.Fail).AsTask());

        Assert.Equal("boom", thrown.Message);
    }

    [Fact]
    public async Task ExecuteAsync_WithoutResultAndWithState_RunTheOperation()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var calls = 0;

        await breaker.ExecuteAsync(_ =>
        {
            calls++;
            return ValueTask.CompletedTask;
        });
        var doubled = await breaker.ExecuteAsync(static (x, _) => new ValueTask<int>(x * 2), 21);
        var outcome = await breaker.TryExecuteAsync(static (x, _) => new ValueTask<int>(x + 1), 1);
        await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async failure");
        }).AsTask());

        Assert.Equal(1, calls);
        Assert.Equal(42, doubled);
        Assert.Equal(2, outcome.Value);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_AsynchronousOperations_KeepExactSemantics()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 2);

        await breaker.TryExecuteAsync(async _ =>
        {
            await Task.Yield();
            return 1;
        });
        for (var i = 0; i < 2; i++)
        {
            await breaker.TryExecuteAsync<int>(async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException();
            });
        }

        Assert.True((await breaker.SucceedAsync()).IsRejected);
    }

    [Fact]
    public async Task SlowCallThreshold_SlowSuccess_CountsAsFailureButReturnsValue()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.SlowCallThreshold = TimeSpan.FromSeconds(1);
        });

        var atThreshold = await breaker.TryExecuteAsync(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            return new ValueTask<int>(1);
        });
        Assert.Equal(0, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        var slow = await breaker.TryExecuteAsync(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(1) + TimeSpan.FromTicks(1));
            return new ValueTask<int>(2);
        });

        Assert.Equal(1, atThreshold.Value);
        Assert.Equal(2, slow.Value);
        Assert.Equal(BreakerOutcomeKind.Completed, slow.Kind);
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task StateChanged_ThrowingHandler_DoesNotStopOtherHandlersOrTheBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        breaker.StateChanged += (_, _) => throw new InvalidOperationException("bad handler");
        var events = new EventRecorder(breaker);

        await breaker.FailAsync();
        clock.Advance(Break);
        await breaker.SucceedAsync();

        var opened = await events.NextAsync();
        Assert.Equal((BreakerState.Closed, BreakerState.Open, "1 consecutive failures"), (opened.From, opened.To, opened.Reason));
        Assert.Equal(BreakerState.HalfOpen, (await events.NextAsync()).To);
        Assert.Equal(BreakerState.Closed, (await events.NextAsync()).To);
    }

    [Fact]
    public async Task StateChanged_BreakEnds_PublishedByTimerWithoutAnyCall()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var events = new EventRecorder(breaker);
        var openedAt = clock.GetUtcNow();
        await breaker.FailAsync();
        Assert.Equal(openedAt, (await events.NextAsync()).Time);
        await breaker.SettleAsync();

        clock.Advance(Break);

        var halfOpen = await events.NextAsync();
        Assert.Equal(BreakerState.HalfOpen, halfOpen.To);
        Assert.Equal("break of 10 s ended", halfOpen.Reason);
        Assert.Equal(openedAt + Break, halfOpen.Time);
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task GetSnapshotAsync_WhileOpen_ReportsBreakEnd()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 2);
        await breaker.FailAsync();
        var before = await breaker.SnapshotAsync();
        await breaker.FailAsync();

        var open = await breaker.SnapshotAsync();

        Assert.Equal(BreakerState.Closed, before.State);
        Assert.Null(before.BreakEndsAt);
        Assert.Equal(1, before.ConsecutiveFailures);
        Assert.Equal(BreakerState.Open, open.State);
        Assert.Equal(clock.GetUtcNow() + Break, open.BreakEndsAt);
        Assert.Equal(clock.GetUtcNow(), open.Time);
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        var options = new BreakerOptions { HalfOpenMaxCalls = 0 };

        Assert.Throws<ArgumentException>(() => new Breaker(options));
    }

    [Fact]
    public async Task Constructor_CopiesOptions_LaterChangesHaveNoEffect()
    {
        var clock = BreakerTestKit.NewClock();
        var options = new BreakerOptions { Policy = BreakerPolicy.ConsecutiveFailures(1), BreakDuration = Break, Name = "orders" };
        await using var breaker = new Breaker(options, clock);

        options.Policy = BreakerPolicy.ConsecutiveFailures(100);
        options.Name = "changed";
        await breaker.FailAsync();

        Assert.Equal(BreakerState.Open, breaker.State);
        Assert.Equal("orders", breaker.Name);
    }

    private static Breaker Consecutive(FakeTimeProvider clock, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(failures));
}
