using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>How a finished call counts: results as failures, successes or ignored without any exception; the
/// caller's cancellation never a failure, a timeout always one; a classifier that throws a failure that keeps the
/// call's own result.</summary>
public sealed class BreakerClassificationTests
{
    [Fact]
    public async Task TryExecuteAsync_ClassifyResultAsFailure_CountsWithoutAnException()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 2);

        var outcome = await breaker.TryExecuteAsync(BreakerTestKit.Returning("ERR UNAVAILABLE"), Reply);

        Assert.Equal((BreakerOutcomeKind.Completed, "ERR UNAVAILABLE", (Exception?)null), (outcome.Kind, outcome.Value, outcome.Exception));
        Assert.Equal((true, true, CallVerdictKind.Failure), (outcome.HasValue, outcome.IsFailure, outcome.CountedAs));
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        var opening = await breaker.TryExecuteAsync(BreakerTestKit.Returning("ERR BUSY"), Reply);
        Assert.Equal(TransitionRule.ConsecutiveFailures, opening.Transition?.Rule);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_ClassifyResultAsFailure_ReturnsTheValueAndCounts()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);

        var value = await breaker.ExecuteAsync(BreakerTestKit.Returning("ERR UNAVAILABLE"), Reply);

        Assert.Equal("ERR UNAVAILABLE", value);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_OptionsClassifyResult_CountsEveryCallsResult()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.ClassifyResult = static r => r is string reply && reply.StartsWith("ERR", StringComparison.Ordinal) ? CallVerdict.Failure : CallVerdict.Success;
        });

        Assert.Equal("ERR UNAVAILABLE", await breaker.ExecuteAsync(BreakerTestKit.Returning("ERR UNAVAILABLE")));
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        var outcome = await breaker.TryExecuteAsync(static (reply, _) => new ValueTask<string>(reply), "ERR BUSY");

        Assert.Equal(CallVerdictKind.Failure, outcome.CountedAs);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_CallsOwnClassifier_ReplacesTheOptionsClassifier()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.ClassifyResult = static _ => CallVerdict.Failure;
        });

        var outcome = await breaker.TryExecuteAsync(BreakerTestKit.Returning(1), static _ => CallVerdict.Success);

        Assert.Equal(CallVerdictKind.Success, outcome.CountedAs);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_StatefulWithClassifier_UsesTheClassifier()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);

        var outcome = await breaker.TryExecuteAsync(static (code, _) => new ValueTask<int>(code), 503, static code => code >= 500 ? CallVerdict.Failure : CallVerdict.Success);

        Assert.Equal((503, CallVerdictKind.Failure), (outcome.Value, outcome.CountedAs));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_IgnoredResult_ChangesNoCount()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 2);
        await breaker.FailAsync();
        var before = await breaker.SnapshotAsync();

        var ignored = await breaker.ReturnAsync(404, CallVerdict.Ignored);

        Assert.Equal((404, CallVerdictKind.Ignored, false), (ignored.Value, ignored.CountedAs, ignored.IsFailure));
        Assert.Equal(before.ConsecutiveFailures, (await breaker.SnapshotAsync()).ConsecutiveFailures);

        // Ignored resets nothing either: the next failure is the second in a row.
        await breaker.FailAsync();
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_IgnoredTrial_FreesTheSlotAndLeavesHalfOpen()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);

        var ignored = await breaker.ReturnAsync(1, CallVerdict.Ignored);

        Assert.Equal((BreakerState.HalfOpen, (CircuitTransition?)null), (ignored.State, ignored.Transition));
        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal((BreakerState.HalfOpen, 0, 0), (snapshot.State, snapshot.TrialsInFlight, snapshot.TrialSuccesses));
        Assert.False((await breaker.SucceedAsync()).IsRejected);
    }

    [Fact]
    public async Task TryExecuteAsync_ResultClassifierThrows_CountsAsFailureAndReturnsTheValue()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);

        var outcome = await breaker.TryExecuteAsync(BreakerTestKit.Returning(7), static _ => throw new FormatException("classifier bug"));

        Assert.Equal((BreakerOutcomeKind.Completed, 7, CallVerdictKind.Failure), (outcome.Kind, outcome.Value, outcome.CountedAs));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_OptionsResultClassifierThrows_ReturnsTheValue()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.ClassifyResult = static _ => throw new FormatException("classifier bug");
        });

        Assert.Equal(7, await breaker.ExecuteAsync(BreakerTestKit.Returning(7)));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_ExceptionClassifierThrows_CountsAsFailureAndRethrowsTheOperationsException()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.ClassifyException = static _ => throw new FormatException("classifier bug");
        });

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => breaker.ExecuteAsync(BreakerTestKit.Fail).AsTask());

        Assert.Equal("boom", thrown.Message);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_CallersCancellation_IgnoredWhateverTheClassifierSays()
    {
        var clock = BreakerTestKit.NewClock();
        var asked = 0;
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.ClassifyException = _ =>
            {
                asked++;
                return CallVerdict.Failure;
            };
        });
        using var cancellation = new CancellationTokenSource();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = breaker.TryExecuteAsync<int>(async ct =>
        {
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return 1;
        }, cancellation.Token).AsTask();
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);
        await cancellation.CancelAsync();
        var outcome = await running.WaitAsync(BreakerTestKit.Timeout);

        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        Assert.Equal((BreakerOutcomeKind.Faulted, CallVerdictKind.Ignored), (outcome.Kind, outcome.CountedAs));
        Assert.Equal(0, asked);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_Timeout_CountsAsFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = breaker.TryExecuteAsync<int>(async _ =>
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), clock);
            entered.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, timeout.Token);
            return 1;
        }).AsTask();
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);
        clock.Advance(TimeSpan.FromSeconds(2));
        var outcome = await running.WaitAsync(BreakerTestKit.Timeout);

        Assert.IsAssignableFrom<OperationCanceledException>(outcome.Exception);
        Assert.Equal(CallVerdictKind.Failure, outcome.CountedAs);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_CallerCancelledButOperationFailedOtherwise_CountsAsFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var outcome = await breaker.TryExecuteAsync<int>(_ => throw new TimeoutException("not a cancellation"), cancellation.Token);

        Assert.Equal(CallVerdictKind.Failure, outcome.CountedAs);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_SlowResultClassifiedIgnored_StaysIgnored()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.SlowCallThreshold = TimeSpan.FromSeconds(1);
        });

        var slow = await breaker.TryExecuteAsync(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            return new ValueTask<int>(1);
        }, static _ => CallVerdict.Ignored);

        Assert.Equal(CallVerdictKind.Ignored, slow.CountedAs);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task TryExecuteAsync_SlowSuccess_CountsAsFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.SlowCallThreshold = TimeSpan.FromSeconds(1);
        });

        var slow = await breaker.TryExecuteAsync(_ =>
        {
            clock.Advance(TimeSpan.FromSeconds(2));
            return new ValueTask<int>(1);
        });

        Assert.Equal((1, CallVerdictKind.Failure), (slow.Value, slow.CountedAs));
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    private static CallVerdict Reply(string reply) =>
        reply.StartsWith("ERR UNAVAILABLE", StringComparison.Ordinal) || reply.StartsWith("ERR BUSY", StringComparison.Ordinal)
            ? CallVerdict.Failure
            : CallVerdict.Success;

    private static Breaker Consecutive(FakeTimeProvider clock, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(failures));
}
