using CircuitBreaker.Controller;

namespace CircuitBreaker.Tests.Controller;

/// <summary>The state machine alone, driven synchronously with explicit instants (ticks since the origin).</summary>
public sealed class CircuitControllerTests
{
    private const long Second = TimeSpan.TicksPerSecond;
    private static readonly DateTimeOffset Origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Advance_NoticedLate_DatesEveryTransitionAtTheInstantItsRuleFired()
    {
        var transitions = new List<CircuitTransition>();
        var controller = Controller(transitions, o => o.TrialDeadline = TimeSpan.FromSeconds(2));
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        Assert.Equal(AdmissionKind.Trial, controller.Admit(10 * Second).Kind);

        // Noticed only at 100 s: the trial expired at 12 s, the second break ended at 22 s.
        controller.Advance(100 * Second);

        Assert.Equal(
            [
                (BreakerState.Closed, BreakerState.Open, 0L, TransitionRule.ConsecutiveFailures),
                (BreakerState.Open, BreakerState.HalfOpen, 10 * Second, TransitionRule.BreakEnded),
                (BreakerState.HalfOpen, BreakerState.Open, 12 * Second, TransitionRule.TrialDeadlineExceeded),
                (BreakerState.Open, BreakerState.HalfOpen, 22 * Second, TransitionRule.BreakEnded),
            ],
            transitions.Select(t => (t.From, t.To, t.At, t.Rule)));
        Assert.Equal(transitions.Select(t => Origin + TimeSpan.FromTicks(t.At)), transitions.Select(t => t.Time));
        Assert.Equal(BreakerState.HalfOpen, controller.State);
    }

    [Fact]
    public void Record_StaleGeneration_IsIgnored()
    {
        var controller = Controller([]);
        var admittedBefore = controller.Admit(0);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        controller.Advance(10 * Second);
        var trial = controller.Admit(10 * Second);

        controller.Record(admittedBefore, CallVerdict.Failure, 10 * Second);

        Assert.Equal(BreakerState.HalfOpen, controller.State);
        Assert.Equal(1, controller.TrialsInFlight);
        controller.Record(trial, CallVerdict.Success, 10 * Second);
        Assert.Equal(BreakerState.Closed, controller.State);
    }

    [Fact]
    public void Admit_HalfOpen_GrantsUpToMaxThenRejects()
    {
        var controller = Controller([], o => o.HalfOpenMaxCalls = 3);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);

        var kinds = Enumerable.Range(0, 4).Select(_ => controller.Admit(10 * Second).Kind).ToArray();

        Assert.Equal([AdmissionKind.Trial, AdmissionKind.Trial, AdmissionKind.Trial, AdmissionKind.Rejected], kinds);
        Assert.True(controller.TrialsFull);
    }

    [Fact]
    public void Admit_Open_RejectionCarriesTheBreakEnd()
    {
        var controller = Controller([]);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);

        var rejected = controller.Admit(3 * Second);

        Assert.Equal((AdmissionKind.Rejected, BreakerState.Open, 10 * Second), (rejected.Kind, rejected.State, rejected.BreakEndsAt));
    }

    [Fact]
    public void Advance_TimeGoingBack_IsTreatedAsTheLatestInstant()
    {
        var controller = Controller([]);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        controller.Advance(10 * Second);

        var admission = controller.Admit(5 * Second);

        Assert.Equal(AdmissionKind.Trial, admission.Kind);
        Assert.Equal(10 * Second, controller.Now);
    }

    [Fact]
    public void NextDeadline_FollowsTheState()
    {
        var controller = Controller([], o => o.TrialDeadline = TimeSpan.FromSeconds(3));
        Assert.Equal(long.MaxValue, controller.NextDeadline);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        Assert.Equal(10 * Second, controller.NextDeadline);
        controller.Admit(11 * Second);
        Assert.Equal(14 * Second, controller.NextDeadline);
        controller.Isolate(11 * Second);
        Assert.Equal(long.MaxValue, controller.NextDeadline);
    }

    [Fact]
    public void Record_FailureWithRetryAfter_BreakLastsExactlyThatLong()
    {
        var transitions = new List<CircuitTransition>();
        var controller = Controller(transitions);

        controller.Record(controller.Admit(Second), CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(3)), Second);

        var opened = Assert.Single(transitions);
        Assert.Equal(4 * Second, controller.BreakEndsAt);
        Assert.Equal((TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3)), (opened.BreakDuration, opened.RetryAfter));
        Assert.Equal(Origin + TimeSpan.FromSeconds(4), opened.BreakEndsAt);
        controller.Advance((4 * Second) - 1);
        Assert.Equal(BreakerState.Open, controller.State);
        controller.Advance(4 * Second);
        Assert.Equal(BreakerState.HalfOpen, controller.State);
    }

    [Fact]
    public void Record_RetryAfterLongerThanTheCap_IsCapped()
    {
        var transitions = new List<CircuitTransition>();
        var controller = Controller(transitions, o => o.MaxBreakDuration = TimeSpan.FromMinutes(1));

        controller.Record(controller.Admit(0), CallVerdict.FailureWithRetryAfter(TimeSpan.FromHours(1)), 0);

        var opened = Assert.Single(transitions);
        Assert.Equal((TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)), (opened.BreakDuration, opened.RetryAfter));
        Assert.Equal(60 * Second, controller.BreakEndsAt);
    }

    [Fact]
    public void Record_FailedTrialWithRetryAfter_OverridesTheGrownBreak()
    {
        var transitions = new List<CircuitTransition>();
        var controller = Controller(transitions, o => o.BreakDurationGrowthFactor = 2);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        var trial = controller.Admit(10 * Second);

        controller.Record(trial, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(2)), 10 * Second);

        var reopened = transitions[^1];
        Assert.Equal((TransitionRule.TrialFailed, TimeSpan.FromSeconds(2)), (reopened.Rule, reopened.BreakDuration));
        Assert.Equal(12 * Second, controller.BreakEndsAt);
        Assert.Equal(1, controller.ConsecutiveReopens);
    }

    [Fact]
    public void Open_GrowingBreak_IsRoundedToTheTick()
    {
        var controller = Controller([], o =>
        {
            o.BreakDuration = TimeSpan.FromMilliseconds(100);
            o.BreakDurationGrowthFactor = 1.2;
        });
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        var breaks = new List<long> { controller.BreakEndsAt };
        for (var reopen = 0; reopen < 3; reopen++)
        {
            var now = controller.BreakEndsAt;
            controller.Record(controller.Admit(now), CallVerdict.Failure, now);
            breaks.Add(controller.BreakEndsAt - now);
        }

        // 100 ms × 1.2³ is 172.79999… ms in binary; the third re-open lasts 172.8 ms to the tick.
        Assert.Equal([1_000_000L, 1_200_000L, 1_440_000L, 1_728_000L], breaks);
        Assert.Equal(3, controller.ConsecutiveReopens);
    }

    [Fact]
    public void Reset_WhileClosed_StartsANewGenerationWithoutATransition()
    {
        var transitions = new List<CircuitTransition>();
        var controller = Controller(transitions, o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));
        var before = controller.Admit(0);
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);

        controller.Reset(0);
        controller.Record(before, CallVerdict.Failure, 0);

        Assert.Empty(transitions);
        Assert.Equal(0, controller.Policy.ConsecutiveFailures);
    }

    [Fact]
    public void Open_RollingWindowWithoutBreak_ClosesWhenFailuresAgeOut()
    {
        var transitions = new List<CircuitTransition>();
        var controller = Controller(transitions, o =>
        {
            o.Policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 2, bucketCount: 10);
            o.BreakDuration = null;
        });
        controller.Record(controller.Admit(0), CallVerdict.Failure, 0);
        controller.Record(controller.Admit(3 * Second), CallVerdict.Failure, 3 * Second);

        Assert.True(controller.BreakEndsByAgeing);
        Assert.Equal(10 * Second, controller.BreakEndsAt);
        controller.Advance(10 * Second);

        var closed = transitions[^1];
        Assert.Equal((BreakerState.Open, BreakerState.Closed, TransitionRule.FailuresAgedOut, 10 * Second), (closed.From, closed.To, closed.Rule, closed.At));
        Assert.Equal((1L, 2L), (closed.Failures, closed.Threshold));
    }

    [Fact]
    public void Observe_Shadow_OutcomeWhileOpenPassesUncounted()
    {
        var transitions = new List<CircuitTransition>();
        var shadow = Controller(transitions, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1), shadow: "s");
        shadow.Observe(CallVerdict.Failure, 0);

        shadow.Observe(CallVerdict.Failure, 5 * Second);
        shadow.Observe(CallVerdict.Success, 6 * Second);

        var opened = Assert.Single(transitions);
        Assert.Equal(("s", BreakerState.Open), (opened.Shadow, shadow.State));
        Assert.Equal(10 * Second, shadow.BreakEndsAt);
    }

    [Fact]
    public void Observe_ShadowHalfOpen_OutcomeIsAnInstantaneousTrial()
    {
        var transitions = new List<CircuitTransition>();
        var shadow = Controller(transitions, o => o.SuccessesToClose = 2, shadow: "s");
        shadow.Observe(CallVerdict.Failure, 0);

        shadow.Observe(CallVerdict.Success, 11 * Second);
        Assert.Equal((BreakerState.HalfOpen, 0), (shadow.State, shadow.TrialsInFlight));
        shadow.Observe(CallVerdict.Ignored, 11 * Second);
        shadow.Observe(CallVerdict.Success, 12 * Second);

        Assert.Equal(
            [
                (BreakerState.Closed, BreakerState.Open, 0L),
                (BreakerState.Open, BreakerState.HalfOpen, 10 * Second),
                (BreakerState.HalfOpen, BreakerState.Closed, 12 * Second),
            ],
            transitions.Select(t => (t.From, t.To, t.At)));
        Assert.All(transitions, t => Assert.Equal("s", t.Shadow));
    }

    [Fact]
    public void RecordSuccesses_StaleGeneration_DroppedByTheOwnCircuitButSeenByAShadow()
    {
        var own = Controller([], o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));
        var shadow = Controller([], o => o.Policy = BreakerPolicy.ConsecutiveFailures(2), shadow: "s");
        var generation = own.Generation;
        own.Record(own.Admit(0), CallVerdict.Failure, 0);
        shadow.Observe(CallVerdict.Failure, 0);
        own.Reset(0);
        own.Record(own.Admit(0), CallVerdict.Failure, 0);

        own.RecordSuccesses(generation, 0, 1, 0);
        shadow.RecordSuccesses(generation, 0, 1, 0);

        Assert.Equal(1, own.Policy.ConsecutiveFailures);
        Assert.Equal(0, shadow.Policy.ConsecutiveFailures);
    }

    private static CircuitController Controller(List<CircuitTransition> transitions, Action<BreakerOptions>? configure = null, string? shadow = null)
    {
        var options = new BreakerOptions { Policy = BreakerPolicy.ConsecutiveFailures(1), BreakDuration = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        options.Validate();
        return new CircuitController(CircuitSettings.From(options, Origin), options.Policy.CreateEvaluator(), transitions, shadow);
    }
}
