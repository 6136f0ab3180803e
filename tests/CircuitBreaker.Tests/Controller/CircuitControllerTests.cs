using CircuitBreaker.Controller;

namespace CircuitBreaker.Tests.Controller;

/// <summary>The state machine alone, driven synchronously with explicit instants (ticks since the origin).</summary>
public sealed class CircuitControllerTests
{
    private static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void Advance_NoticedLate_DatesEveryTransitionAtTheInstantItsRuleFired()
    {
        var transitions = new List<Transition>();
        var controller = Controller(transitions, o => o.TrialDeadline = TimeSpan.FromSeconds(2));
        controller.Record(controller.Admit(0), OutcomeKind.Failure, 0);
        Assert.Equal(AdmissionKind.Trial, controller.Admit(10 * Second).Kind);

        // Noticed only at 100 s: the trial expired at 12 s, the second break ended at 22 s.
        controller.Advance(100 * Second);

        Assert.Equal(
            [
                (CircuitState.Closed, CircuitState.Open, 0L),
                (CircuitState.Open, CircuitState.HalfOpen, 10 * Second),
                (CircuitState.HalfOpen, CircuitState.Open, 12 * Second),
                (CircuitState.Open, CircuitState.HalfOpen, 22 * Second),
            ],
            transitions.Select(t => (t.From, t.To, t.At)));
        Assert.Equal(CircuitState.HalfOpen, controller.State);
    }

    [Fact]
    public void Record_StaleGeneration_IsIgnored()
    {
        var controller = Controller([]);
        var admittedBefore = controller.Admit(0);
        controller.Record(controller.Admit(0), OutcomeKind.Failure, 0);
        controller.Advance(10 * Second);
        var trial = controller.Admit(10 * Second);

        controller.Record(admittedBefore, OutcomeKind.Failure, 10 * Second);

        Assert.Equal(CircuitState.HalfOpen, controller.State);
        Assert.Equal(1, controller.TrialsInFlight);
        controller.Record(trial, OutcomeKind.Success, 10 * Second);
        Assert.Equal(CircuitState.Closed, controller.State);
    }

    [Fact]
    public void Admit_HalfOpen_GrantsUpToMaxThenRejects()
    {
        var controller = Controller([], o => o.HalfOpenMaxCalls = 3);
        controller.Record(controller.Admit(0), OutcomeKind.Failure, 0);

        var kinds = Enumerable.Range(0, 4).Select(_ => controller.Admit(10 * Second).Kind).ToArray();

        Assert.Equal([AdmissionKind.Trial, AdmissionKind.Trial, AdmissionKind.Trial, AdmissionKind.Rejected], kinds);
        Assert.True(controller.TrialsFull);
    }

    [Fact]
    public void Advance_TimeGoingBack_IsTreatedAsTheLatestInstant()
    {
        var controller = Controller([]);
        controller.Record(controller.Admit(0), OutcomeKind.Failure, 0);
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
        controller.Record(controller.Admit(0), OutcomeKind.Failure, 0);
        Assert.Equal(10 * Second, controller.NextDeadline);
        controller.Admit(11 * Second);
        Assert.Equal(14 * Second, controller.NextDeadline);
        controller.Isolate(11 * Second);
        Assert.Equal(long.MaxValue, controller.NextDeadline);
    }

    private static CircuitController Controller(List<Transition> transitions, Action<BreakerOptions>? configure = null)
    {
        var options = new BreakerOptions { Policy = BreakerPolicy.ConsecutiveFailures(1), BreakDuration = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        options.Validate();
        return new CircuitController(options, transitions.Add);
    }
}
