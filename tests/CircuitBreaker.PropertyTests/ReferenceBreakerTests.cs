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
        Assert.Equal(BreakerState.Open, fourth.State);
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

        Assert.Equal((false, BreakerState.Open, TimeSpan.FromTicks(1)), (early.Admitted, early.State, early.RetryAfter));
        Assert.Equal((true, BreakerState.HalfOpen), (onTime.Admitted, onTime.State));
        Assert.Equal(new ModelTransition(BreakerState.Open, BreakerState.HalfOpen, 5 * Second, TransitionRule.BreakEnded, BreakDuration: TimeSpan.FromSeconds(5)), model.Transitions[^1]);
    }

    [Fact]
    public void Admit_RollingWindow_OpensAtTheFailureThatReachesTheCount()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 3, bucketCount: 10)));

        Fail(model, Second / 2, times: 2);
        Assert.True(model.Admit(Second).Admitted);
        Fail(model, 2 * Second, times: 1);

        Assert.Equal(BreakerState.Open, model.State);
        Assert.Equal(
            new ModelTransition(BreakerState.Closed, BreakerState.Open, 2 * Second, TransitionRule.FailuresInWindow, 3, 3, 3, Window: TimeSpan.FromSeconds(10), BreakEndsAt: 10 * Second,
                BreakDuration: TimeSpan.FromSeconds(8), BreakEndsIn: BreakerState.Closed),
            model.Transitions[^1]);
    }

    [Fact]
    public void Admit_RollingWindowWithoutBreak_ClosesAtTheBucketEdgeWhereTheOldestFailureLeaves()
    {
        // 1 s buckets; the failure at 0.5 s is in bucket 0, which leaves the 10-bucket window when bucket 10 starts.
        var model = new ReferenceBreaker(Options(BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 3, bucketCount: 10)));
        Fail(model, Second / 2, times: 1);
        Fail(model, 3 * Second, times: 2);

        var justBefore = model.Admit((10 * Second) - 1);
        var atEdge = model.Admit(10 * Second);

        Assert.Equal((false, TimeSpan.FromTicks(1)), (justBefore.Admitted, justBefore.RetryAfter));
        Assert.Equal((true, BreakerState.Closed), (atEdge.Admitted, atEdge.State));
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

        Assert.Equal(BreakerState.Closed, belowThroughput.State);
        Assert.Equal(BreakerState.Open, atRatio.State);
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
        model.Report(first.Ticket!, CallVerdict.Success, Second);
        var afterOne = model.State;
        model.Report(second.Ticket!, CallVerdict.Success, Second);

        Assert.Equal((true, true, false, BreakerState.HalfOpen), (first.Admitted, second.Admitted, third.Admitted, third.State));
        Assert.Equal(BreakerState.HalfOpen, afterOne);
        Assert.Equal(BreakerState.Closed, model.State);
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
        model.Report(trial.Ticket!, CallVerdict.Success, 10 * Second);

        Assert.Equal(
            [
                (BreakerState.Closed, BreakerState.Open, 0, TransitionRule.ConsecutiveFailures, (TimeSpan?)TimeSpan.FromSeconds(1)),
                (BreakerState.Open, BreakerState.HalfOpen, Second, TransitionRule.BreakEnded, TimeSpan.FromSeconds(1)),
                (BreakerState.HalfOpen, BreakerState.Open, 4 * Second, TransitionRule.TrialDeadlineExceeded, TimeSpan.FromSeconds(2)),
                (BreakerState.Open, BreakerState.HalfOpen, 6 * Second, TransitionRule.BreakEnded, TimeSpan.FromSeconds(2)),
            ],
            model.Transitions.Select(t => (t.From, t.To, t.At, t.Rule, t.BreakDuration)));
        Assert.Equal(BreakerState.HalfOpen, model.State);
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
            model.Report(model.Admit(now).Ticket!, CallVerdict.Failure, now);
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

        model.Report(model.Admit(0).Ticket!, CallVerdict.Success, threshold);
        var afterExact = model.State;
        model.Report(model.Admit(threshold).Ticket!, CallVerdict.Success, (2 * threshold) + 1);

        Assert.Equal(BreakerState.Closed, afterExact);
        Assert.Equal(BreakerState.Open, model.State);
    }

    [Fact]
    public void Reset_WhileIsolatedPastTheBreak_ClosesAndClearsTheCounts()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(2), breakSeconds: 1));
        Fail(model, 0, times: 1);
        model.Isolate(0);
        var isolated = model.Admit(10 * Second);

        model.Reset(10 * Second);

        Assert.Equal((false, BreakerState.Isolated, (TimeSpan?)null), (isolated.Admitted, isolated.State, isolated.RetryAfter));
        Assert.Equal(new SnapshotView(BreakerState.Closed, 10 * Second, 0, 0, 0, null, 0, 0, 0, ""), model.Snapshot(10 * Second));
    }

    [Fact]
    public void Report_OutcomeOfACallAdmittedBeforeATransition_IsIgnored()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 1));
        var early = model.Admit(0).Ticket!;
        Fail(model, 0, times: 1);
        model.Reset(0);

        model.Report(early, CallVerdict.Failure, 0);

        Assert.Equal(BreakerState.Closed, model.State);
    }

    [Fact]
    public void Admit_LastCalls_OpensWhenTheFailuresAmongTheLastCallsReachTheCount()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.LastCalls(calls: 3, failures: 2), breakSeconds: 5));

        Fail(model, 0, times: 1);
        Succeed(model, 0);
        Succeed(model, 0);
        Fail(model, 0, times: 1);
        var afterTheFirstFailureLeft = model.State;
        Fail(model, Second, times: 1);

        Assert.Equal(BreakerState.Closed, afterTheFirstFailureLeft);
        Assert.Equal(
            new ModelTransition(BreakerState.Closed, BreakerState.Open, Second, TransitionRule.FailuresInLastCalls, 2, 3, 2, BreakEndsAt: 6 * Second,
                BreakDuration: TimeSpan.FromSeconds(5), BreakEndsIn: BreakerState.HalfOpen),
            model.Transitions[^1]);
    }

    [Fact]
    public void Admit_LastCallsWithFewerCallsSinceTheLastClose_CountsThemAsTheyAre()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.LastCalls(calls: 10, failures: 2), breakSeconds: 1));
        Fail(model, 0, times: 2);
        var trial = model.Admit(Second);
        model.Report(trial.Ticket!, CallVerdict.Success, Second);

        Fail(model, Second, times: 1);

        Assert.Equal((2L, 2L), (model.Transitions[0].Failures, model.Transitions[0].Calls));
        Assert.Equal(BreakerState.Closed, model.State);
        Assert.Equal((1L, 1L), (model.Snapshot(Second).FailuresInWindow, model.Snapshot(Second).CallsInWindow));
    }

    [Fact]
    public void Report_FailureWithRetryAfter_BreaksForExactlyThatLongThenHalfOpens()
    {
        var options = Options(BreakerPolicy.ConsecutiveFailures(1), breakSeconds: 5);
        options.MaxBreakDuration = TimeSpan.FromMinutes(1);
        var model = new ReferenceBreaker(options);

        var report = model.Report(model.Admit(0).Ticket!, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(2)), 0);
        var early = model.Admit((2 * Second) - 1);
        var trial = model.Admit(2 * Second);
        model.Report(trial.Ticket!, CallVerdict.FailureWithRetryAfter(TimeSpan.FromMinutes(10)), 2 * Second);

        Assert.Equal((2 * Second, TimeSpan.FromSeconds(2), (TimeSpan?)TimeSpan.FromSeconds(2)), (report.Caused!.BreakEndsAt, report.Caused.BreakDuration, report.Caused.RetryAfter));
        Assert.Equal((false, true), (early.Admitted, trial.Admitted));
        Assert.Equal((62 * Second, TimeSpan.FromMinutes(1), (TimeSpan?)TimeSpan.FromMinutes(10)), (model.BreakEndsAt, model.Transitions[^1].BreakDuration, model.Transitions[^1].RetryAfter));
        Assert.True(model.RetryAfterCapped);
    }

    [Fact]
    public void Report_AgeingWindowOpenedByRetryAfter_AFailedTrialReopensForAsLongAsThatBreak()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 1, bucketCount: 10)));
        model.Report(model.Admit(0).Ticket!, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(1)), 0);

        var trial = model.Admit(Second);
        model.Report(trial.Ticket!, CallVerdict.Failure, Second);

        Assert.Equal(BreakerState.HalfOpen, trial.State);
        Assert.Equal((2 * Second, (BreakerState?)BreakerState.HalfOpen), (model.BreakEndsAt, model.Transitions[^1].BreakEndsIn));
        Assert.Equal(BreakerState.HalfOpen, model.Admit(2 * Second).State);
    }

    [Fact]
    public void Report_AgeingWindowTrialFailsAfterTheFailuresAgedOut_StaysOpenForTheBreakBefore()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 1, bucketCount: 10)));
        model.Report(model.Admit(0).Ticket!, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(20)), 0);

        var report = model.Report(model.Admit(20 * Second).Ticket!, CallVerdict.Failure, 20 * Second);

        Assert.Equal(new ModelTransition(BreakerState.HalfOpen, BreakerState.Open, 20 * Second, TransitionRule.TrialFailed, BreakEndsAt: 40 * Second,
            BreakDuration: TimeSpan.FromSeconds(20), BreakEndsIn: BreakerState.HalfOpen), report.Caused);
        Assert.Equal(BreakerState.Open, model.State);
    }

    [Fact]
    public void Observe_WhileOpen_LetsTheOutcomePassUncountedAndInHalfOpenIsAnInstantTrial()
    {
        var model = new ReferenceBreaker(Options(BreakerPolicy.ConsecutiveFailures(2), breakSeconds: 1));
        Assert.Null(model.Observe(CallVerdict.Failure, 0));
        Assert.NotNull(model.Observe(CallVerdict.Failure, 0));

        var whileOpen = model.Observe(CallVerdict.Success, Second / 2);
        var trial = model.Observe(CallVerdict.Success, Second);

        Assert.Null(whileOpen);
        Assert.Equal((BreakerState.HalfOpen, BreakerState.Closed, Second), (trial!.From, trial.To, trial.At));
        Assert.Equal(2, model.Calls[CallVerdictKind.Failure] + model.Calls.GetValueOrDefault(CallVerdictKind.Success) - 1);
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
            model.Report(decision.Ticket!, CallVerdict.Failure, now);
        }
    }

    private static void Succeed(ReferenceBreaker model, long now)
    {
        var decision = model.Admit(now);
        Assert.True(decision.Admitted);
        model.Report(decision.Ticket!, CallVerdict.Success, now);
    }
}
