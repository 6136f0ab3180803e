using System.Collections.Concurrent;
using CircuitBreaker.Tests.Telemetry;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>Shadow policies see every outcome the breaker's own policy sees, never reject, and report their would-be
/// transitions: on the outcome, by <see cref="Breaker.ShadowStateChanged"/>, in the snapshot and in the metrics.</summary>
public sealed class BreakerShadowTests
{
    private const string FailOne = "fail-max 1";
    private const string LastFour = "last 4 failures 2";

    [Fact]
    public async Task Outcome_ShadowOpens_CarriesItsTransitionAndTheOwnCircuitIsUntouched()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = WithShadows(clock);
        var own = new EventRecorder(breaker);
        var shadows = new ConcurrentQueue<CircuitTransition>();
        breaker.ShadowStateChanged += (_, e) => shadows.Enqueue(e.Transition);

        var outcome = await breaker.FailAsync();

        Assert.Null(outcome.Transition);
        var opened = Assert.Single(outcome.ShadowTransitions);
        Assert.Same(opened, Assert.Single(shadows));
        Assert.Equal((FailOne, BreakerState.Closed, BreakerState.Open, TransitionRule.ConsecutiveFailures), (opened.Shadow, opened.From, opened.To, opened.Rule));
        Assert.Equal((1L, 1L), (opened.Failures, opened.Threshold));
        Assert.Equal(clock.GetUtcNow() + BreakerTestKit.Break, opened.BreakEndsAt);
        Assert.Equal("shadow 'fail-max 1' Closed -> Open: 1 consecutive failures", opened.ToString());
        Assert.False(own.TryNext(out _));
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task Shadow_WouldBeOpen_NeverRejects()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = WithShadows(clock);
        await breaker.FailAsync();
        await breaker.SucceedAsync();
        var third = await breaker.FailAsync();

        var calls = new List<BreakerOutcome<int>>();
        for (var i = 0; i < 5; i++)
        {
            calls.Add(await breaker.SucceedAsync());
        }

        Assert.Equal(LastFour, Assert.Single(third.ShadowTransitions).Shadow);
        Assert.All(calls, c => Assert.Equal((BreakerOutcomeKind.Completed, BreakerState.Closed), (c.Kind, c.State)));
        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal([new KeyValuePair<string, BreakerState>(FailOne, BreakerState.Open), new KeyValuePair<string, BreakerState>(LastFour, BreakerState.Open)], snapshot.ShadowStates);
        Assert.Equal(BreakerState.Closed, snapshot.State);
    }

    [Fact]
    public async Task Shadow_SeesTheSameOutcomes_OpenShadowLetsThemPassUncounted()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = WithShadows(clock);

        var first = await breaker.FailAsync();
        var second = await breaker.SucceedAsync();
        var third = await breaker.FailAsync();

        Assert.Equal(FailOne, Assert.Single(first.ShadowTransitions).Shadow);
        Assert.Empty(second.ShadowTransitions);
        var lastCalls = Assert.Single(third.ShadowTransitions);
        Assert.Equal((LastFour, TransitionRule.FailuresInLastCalls, 2L, 3L), (lastCalls.Shadow, lastCalls.Rule, lastCalls.Failures, lastCalls.Calls));
    }

    [Fact]
    public async Task ShadowStateChanged_ShadowBreakEnds_RaisedOnTimeThenATrialCloses()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = WithShadows(clock);
        await breaker.FailAsync();
        var halfOpen = breaker.NextTransitionAsync(BreakerState.HalfOpen, FailOne);

        clock.Advance(BreakerTestKit.Break);
        var ended = await halfOpen;
        var trial = await breaker.SucceedAsync();

        Assert.Equal((TransitionRule.BreakEnded, FailOne), (ended.Rule, ended.Shadow));
        Assert.Equal(clock.GetUtcNow(), ended.Time);
        var closed = Assert.Single(trial.ShadowTransitions);
        Assert.Equal((FailOne, BreakerState.HalfOpen, BreakerState.Closed, TransitionRule.TrialsSucceeded), (closed.Shadow, closed.From, closed.To, closed.Rule));
        Assert.Null(trial.Transition);
        Assert.Equal(BreakerState.Closed, (await breaker.SnapshotAsync()).ShadowStates[0].Value);
    }

    [Fact]
    public async Task ShadowTransitions_SeveralShadowsAtOnce_InShadowOrder()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(5);
            o.ShadowPolicies.Add("b", BreakerPolicy.ConsecutiveFailures(2));
            o.ShadowPolicies.Add("a", BreakerPolicy.LastCalls(5, 2));
            o.ShadowPolicies.Add("c", BreakerPolicy.ConsecutiveFailures(3));
        });

        await breaker.FailAsync();
        var second = await breaker.FailAsync();

        Assert.Equal(["b", "a"], second.ShadowTransitions.Select(t => t.Shadow));
    }

    [Fact]
    public async Task Shadows_OwnCircuitOpensToo_EachReportedOnItsOwnChannel()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.ShadowPolicies.Add("twin", BreakerPolicy.ConsecutiveFailures(2));
        });
        var own = new EventRecorder(breaker);
        var shadow = new EventRecorder(breaker, shadows: true);

        await breaker.FailAsync();
        var outcome = await breaker.FailAsync();

        Assert.Same(outcome.Transition, Assert.Single(own.Drain()));
        Assert.Same(Assert.Single(outcome.ShadowTransitions), Assert.Single(shadow.Drain()));
        Assert.Null(outcome.Transition!.Shadow);
        Assert.Equal(outcome.Transition.Reason, outcome.ShadowTransitions[0].Reason);
    }

    [Fact]
    public async Task Metrics_ShadowTransitions_TaggedWithTheShadowsName_OwnOnesNot()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = BreakerTestKit.UniqueName("shadowed");
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.ShadowPolicies.Add(FailOne, BreakerPolicy.ConsecutiveFailures(1));
        });
        using var metrics = new MetricsRecorder(breaker);

        await breaker.FailAsync();
        Assert.Null(metrics.LastState());
        await breaker.FailAsync();

        Assert.Equal(1, metrics.Total("circuitbreaker.transitions", "breaker.shadow=fail-max 1", "from=closed", "to=open"));
        Assert.Equal(2, metrics.Total("circuitbreaker.transitions", "from=closed", "to=open"));
        Assert.Equal(
            [$"|breaker.name={breaker.Name}|breaker.shadow=fail-max 1|from=closed|to=open|", $"|breaker.name={breaker.Name}|from=closed|to=open|"],
            metrics.TagSets("circuitbreaker.transitions"));
        Assert.Equal((int)BreakerState.Open, metrics.LastState());
    }

    [Fact]
    public async Task ShadowPolicies_ChangedAfterTheBreakerWasCreated_HaveNoEffect()
    {
        var clock = BreakerTestKit.NewClock();
        var options = new BreakerOptions { BreakDuration = BreakerTestKit.Break };
        options.ShadowPolicies.Add("kept", BreakerPolicy.ConsecutiveFailures(1));
        await using var breaker = new Breaker(options, clock);

        options.ShadowPolicies.Add("added later", BreakerPolicy.ConsecutiveFailures(1));
        options.ShadowPolicies.Remove("kept");
        var outcome = await breaker.FailAsync();

        Assert.Equal("kept", Assert.Single(outcome.ShadowTransitions).Shadow);
        Assert.Equal("kept", Assert.Single((await breaker.SnapshotAsync()).ShadowStates).Key);
    }

    [Fact]
    public async Task Shadow_RollingWindowWithoutBreak_ClosesByAgeingOnTime()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(5);
            o.BreakDuration = null;
            o.ShadowPolicies.Add("window", BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 1, bucketCount: 10));
        });
        var opened = Assert.Single((await breaker.FailAsync()).ShadowTransitions);
        var closing = breaker.NextTransitionAsync(BreakerState.Closed, "window");

        clock.Advance(TimeSpan.FromSeconds(10));

        var closed = await closing;
        Assert.Equal((BreakerState.Closed, TransitionRule.FailuresAgedOut), (opened.BreakEndsIn!.Value, closed.Rule));
        Assert.Equal(opened.BreakEndsAt, closed.Time);
    }

    [Fact]
    public async Task ShadowStateChanged_ThrowingHandler_DoesNotStopOtherHandlers()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = WithShadows(clock);
        breaker.ShadowStateChanged += (_, _) => throw new InvalidOperationException("bad handler");
        var shadows = new EventRecorder(breaker, shadows: true);

        await breaker.FailAsync();

        Assert.Equal(FailOne, Assert.Single(shadows.Drain()).Shadow);
    }

    [Fact]
    public async Task Snapshot_NoShadows_HasNoShadowStates()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock);

        Assert.Empty((await breaker.SnapshotAsync()).ShadowStates);
    }

    private static Breaker WithShadows(FakeTimeProvider clock) => BreakerTestKit.NewBreaker(clock, o =>
    {
        o.Policy = BreakerPolicy.ConsecutiveFailures(5);
        o.ShadowPolicies.Add(FailOne, BreakerPolicy.ConsecutiveFailures(1));
        o.ShadowPolicies.Add(LastFour, BreakerPolicy.LastCalls(calls: 4, failures: 2));
    });
}
