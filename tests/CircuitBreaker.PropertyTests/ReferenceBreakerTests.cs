using CircuitBreaker.PropertyTests.Model;

namespace CircuitBreaker.PropertyTests;

/// <summary>The reference model checked by hand against issue 3's own examples and boundaries, so that the properties
/// compare the breaker with something known to be right rather than with a second copy of the same mistakes.</summary>
public sealed class ReferenceBreakerTests
{
    private const long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void Admit_AfterThreeConsecutiveFailures_RejectsTheFourthCall()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(3), breakSeconds: 5));

        Fail(model, 0, times: 3);
        var fourth = model.Admit(0);

        Assert.False(fourth.Admitted);
        Assert.Equal(CircuitState.Open, fourth.State);
        Assert.Equal(TimeSpan.FromSeconds(5), fourth.RetryAfter);
    }

    [Fact]
    public void Admit_SuccessBetweenFailures_StartsTheRunAgain()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(3), breakSeconds: 5));

        Fail(model, 0, times: 2);
        Succeed(model, 0);
        Fail(model, 0, times: 2);

        Assert.True(model.Admit(0).Admitted);
        Assert.Equal(2, model.Snapshot(0).ConsecutiveFailures);
    }

    [Fact]
    public void Admit_OneTickBeforeTheBreakEnds_RejectsAndAtTheEndAdmitsATrial()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 5));
        Fail(model, 0, times: 1);

        var early = model.Admit((5 * Second) - 1);
        var onTime = model.Admit(5 * Second);

        Assert.Equal((false, CircuitState.Open, TimeSpan.FromTicks(1)), (early.Admitted, early.State, early.RetryAfter));
        Assert.Equal((true, CircuitState.HalfOpen), (onTime.Admitted, onTime.State));
        Assert.Equal(new ModelTransition(CircuitState.Open, CircuitState.HalfOpen, 5 * Second), model.Transitions[^1]);
    }

    [Fact]
    public void Admit_RollingWindow_OpensOnlyWhenFailuresInTheWindowExceedTheThreshold()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), threshold: 2, bucketCount: 10)));

        Fail(model, Second / 2, times: 2);
        Assert.True(model.Admit(Second).Admitted);
        Fail(model, 2 * Second, times: 1);

        Assert.Equal(CircuitState.Open, model.State);
    }

    [Fact]
    public void Admit_RollingWindowWithoutBreak_ClosesAtTheBucketEdgeWhereTheOldestFailureLeaves()
    {
        // 1 s buckets; the failure at 0.5 s is in bucket 0, which leaves the 10-bucket window when bucket 10 starts.
        var model = new ReferenceBreaker(Options(BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), threshold: 2, bucketCount: 10)));
        Fail(model, Second / 2, times: 1);
        Fail(model, 3 * Second, times: 2);

        var justBefore = model.Admit((10 * Second) - 1);
        var atEdge = model.Admit(10 * Second);

        Assert.Equal((false, TimeSpan.FromTicks(1)), (justBefore.Admitted, justBefore.RetryAfter));
        Assert.Equal((true, CircuitState.Closed), (atEdge.Admitted, atEdge.State));
        Assert.Equal(2, model.Snapshot(10 * Second).FailuresInWindow);
    }

    [Fact]
    public void FailuresAt_BucketsOfWindowOverCount_CountAnOutcomeUntilTheEndOfItsLastBucket()
    {
        var log = new OutcomeLog(bucketTicks: Second, bucketCount: 10);
        log.Add((2 * Second) + (7 * Second / 10), failed: true);

        Assert.Equal(1, log.FailuresAt((12 * Second) - 1));
        Assert.Equal(0, log.FailuresAt(12 * Second));
    }

    [Fact]
    public void Admit_FailureRatio_OpensAtTheRatioOnceTheMinimumThroughputIsReached()
    {
        var policy = BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), ratio: 0.5, minimumThroughput: 4);
        var belowThroughput = new ReferenceBreaker(Options(policy, breakSeconds: 5));
        var atRatio = new ReferenceBreaker(Options(policy, breakSeconds: 5));

        Fail(belowThroughput, 0, times: 3);
        Succeed(atRatio, 0);
        Fail(atRatio, 0, times: 1);
        Succeed(atRatio, 0);
        Fail(atRatio, 0, times: 1);

        Assert.Equal(CircuitState.Closed, belowThroughput.State);
        Assert.Equal(CircuitState.Open, atRatio.State);
    }

    [Fact]
    public void Admit_HalfOpenWithTwoSlotsAndTwoSuccessesToClose_HoldsTwoTrialsAndClosesOnTheSecondSuccess()
    {
        var options = Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 1);
        options.HalfOpenMaxCalls = 2;
        options.SuccessesToClose = 2;
        var model = new ReferenceBreaker(options);
        Fail(model, 0, times: 1);

        var first = model.Admit(Second);
        var second = model.Admit(Second);
        var third = model.Admit(Second);
        model.Report(first.Ticket!, ModelOutcome.Success, Second);
        var afterOne = model.State;
        model.Report(second.Ticket!, ModelOutcome.Success, Second);

        Assert.Equal((true, true, false, CircuitState.HalfOpen), (first.Admitted, second.Admitted, third.Admitted, third.State));
        Assert.Equal(CircuitState.HalfOpen, afterOne);
        Assert.Equal(CircuitState.Closed, model.State);
    }

    [Fact]
    public void AdvanceTo_TrialPastItsDeadline_ReopensAtTheDeadlineWithALongerBreak()
    {
        var options = Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 1);
        options.BreakDurationGrowthFactor = 2;
        options.TrialDeadline = TimeSpan.FromSeconds(3);
        var model = new ReferenceBreaker(options);
        Fail(model, 0, times: 1);
        var trial = model.Admit(Second);

        model.AdvanceTo(10 * Second);
        model.Report(trial.Ticket!, ModelOutcome.Success, 10 * Second);

        Assert.Equal(
            [
                new ModelTransition(CircuitState.Closed, CircuitState.Open, 0),
                new ModelTransition(CircuitState.Open, CircuitState.HalfOpen, Second),
                new ModelTransition(CircuitState.HalfOpen, CircuitState.Open, 4 * Second),
                new ModelTransition(CircuitState.Open, CircuitState.HalfOpen, 6 * Second),
            ],
            model.Transitions);
        Assert.Equal(CircuitState.HalfOpen, model.State);
    }

    [Fact]
    public void Admit_GrowingBreak_DoublesOnEachReopenUpToTheCap()
    {
        var options = Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 1);
        options.BreakDurationGrowthFactor = 2;
        options.MaxBreakDuration = TimeSpan.FromSeconds(3);
        var model = new ReferenceBreaker(options);
        Fail(model, 0, times: 1);
        var breaks = new List<TimeSpan?>();
        var now = 0L;
        for (var i = 0; i < 4; i++)
        {
            breaks.Add(model.Admit(now).RetryAfter);
            now = model.BreakEndsAt;
            model.Report(model.Admit(now).Ticket!, ModelOutcome.Failure, now);
        }

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)], breaks);
    }

    [Fact]
    public void Report_SuccessExactlyAtTheSlowCallThreshold_IsASuccessAndOneTickLongerAFailure()
    {
        var options = Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 1);
        options.SlowCallThreshold = TimeSpan.FromMilliseconds(100);
        var model = new ReferenceBreaker(options);
        var threshold = options.SlowCallThreshold.Value.Ticks;

        model.Report(model.Admit(0).Ticket!, ModelOutcome.Success, threshold);
        var afterExact = model.State;
        model.Report(model.Admit(threshold).Ticket!, ModelOutcome.Success, (2 * threshold) + 1);

        Assert.Equal(CircuitState.Closed, afterExact);
        Assert.Equal(CircuitState.Open, model.State);
    }

    [Fact]
    public void Reset_WhileIsolatedPastTheBreak_ClosesAndClearsTheCounts()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(2), breakSeconds: 1));
        Fail(model, 0, times: 1);
        model.Isolate(0);
        var isolated = model.Admit(10 * Second);

        model.Reset(10 * Second);

        Assert.Equal((false, CircuitState.Isolated, (TimeSpan?)null), (isolated.Admitted, isolated.State, isolated.RetryAfter));
        Assert.Equal(new SnapshotView(CircuitState.Closed, 10 * Second, 0, 0, 0, null, 0, 0, 0), model.Snapshot(10 * Second));
    }

    [Fact]
    public void Report_OutcomeOfACallAdmittedBeforeATransition_IsIgnored()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 1));
        var early = model.Admit(0).Ticket!;
        Fail(model, 0, times: 1);
        model.Reset(0);

        model.Report(early, ModelOutcome.Failure, 0);

        Assert.Equal(CircuitState.Closed, model.State);
    }

    private static BreakerOptions Options(BreakerPolicy policy, int? breakSeconds = null) => new()
    {
        Policy = policy,
        BreakDuration = breakSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
    };

    private static void Fail(ReferenceBreaker model, long now, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var decision = model.Admit(now);
            Assert.True(decision.Admitted);
            model.Report(decision.Ticket!, ModelOutcome.Failure, now);
        }
    }

    private static void Succeed(ReferenceBreaker model, long now)
    {
        var decision = model.Admit(now);
        Assert.True(decision.Admitted);
        model.Report(decision.Ticket!, ModelOutcome.Success, now);
    }
}
