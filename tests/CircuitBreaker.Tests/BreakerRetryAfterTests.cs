using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>A failure carrying the provider's retry-after sets how long the opening it causes lasts, exactly, capped
/// at <see cref="BreakerOptions.MaxBreakDuration"/>; a failure that opens nothing ignores it.</summary>
public sealed class BreakerRetryAfterTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);

    [Fact]
    public async Task FailureWithRetryAfter_Opening_BreakLastsExactlyTheRetryAfter()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var asked = TimeSpan.FromSeconds(3);

        var outcome = await breaker.ReturnAsync(503, CallVerdict.FailureWithRetryAfter(asked));

        var opened = outcome.Transition!;
        Assert.Equal(((TimeSpan?)asked, (TimeSpan?)asked), (opened.BreakDuration, opened.RetryAfter));
        Assert.Equal(clock.GetUtcNow() + asked, opened.BreakEndsAt);
        Assert.Equal(BreakerState.HalfOpen, opened.BreakEndsIn);
        Assert.Equal("1 consecutive failures; break 3 s as the provider's retry-after of 3 s asks", opened.Reason);
        Assert.Equal(asked, (await breaker.SucceedAsync()).RetryAfter);
        Assert.Equal(clock.GetUtcNow() + asked, (await breaker.SnapshotAsync()).BreakEndsAt);
    }

    [Fact]
    public async Task FailureWithRetryAfter_State_FlipsToHalfOpenAtThatInstantAndNotOneTickBefore()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var asked = TimeSpan.FromMilliseconds(2500);
        await breaker.ReturnAsync(503, CallVerdict.FailureWithRetryAfter(asked));

        clock.Advance(asked - Tick);
        var before = breaker.State;
        var rejected = await breaker.SucceedAsync();
        var rejectedRetryAfter = rejected.RetryAfter;
        clock.Advance(Tick);
        var after = breaker.State;

        Assert.Equal((BreakerState.Open, BreakerState.HalfOpen), (before, after));
        Assert.True(rejected.IsRejected);
        Assert.Equal(Tick, rejectedRetryAfter);
        Assert.Equal(BreakerState.HalfOpen, (await breaker.SucceedAsync()).State);
    }

    [Fact]
    public async Task FailureWithRetryAfter_LongerThanTheConfiguredBreak_StillLastsTheRetryAfter()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 1);
        var halfOpen = breaker.NextTransitionAsync(BreakerState.HalfOpen);

        await breaker.ReturnAsync(503, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(45)));
        clock.Advance(BreakerTestKit.Break);
        Assert.Equal(BreakerState.Open, breaker.State);
        clock.Advance(TimeSpan.FromSeconds(35));

        var ended = await halfOpen;
        Assert.Equal(TimeSpan.FromSeconds(45), ended.BreakDuration);
        Assert.Equal("break of 45 s ended", ended.Reason);
    }

    [Fact]
    public async Task FailureWithRetryAfter_LongerThanMaxBreakDuration_IsCapped()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.MaxBreakDuration = TimeSpan.FromMinutes(1);
        });

        var opened = (await breaker.ReturnAsync(503, CallVerdict.FailureWithRetryAfter(TimeSpan.FromHours(1)))).Transition!;

        Assert.Equal(((TimeSpan?)TimeSpan.FromMinutes(1), (TimeSpan?)TimeSpan.FromHours(1)), (opened.BreakDuration, opened.RetryAfter));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromMinutes(1), opened.BreakEndsAt);
        Assert.Equal("1 consecutive failures; break 1 min: the provider's retry-after of 1 h, capped", opened.Reason);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task FailureWithRetryAfter_FailureThatDoesNotOpen_IsIgnored()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Consecutive(clock, 2);

        var first = await breaker.ReturnAsync(503, CallVerdict.FailureWithRetryAfter(TimeSpan.FromMinutes(2)));
        var opened = (await breaker.FailAsync()).Transition!;

        Assert.Null(first.Transition);
        Assert.Equal(BreakerTestKit.Break, opened.BreakDuration);
        Assert.Null(opened.RetryAfter);
        Assert.Equal("2 consecutive failures", opened.Reason);
    }

    [Fact]
    public async Task FailureWithRetryAfter_FailedTrial_ReopensForTheRetryAfter()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.BreakDurationGrowthFactor = 4;
        });
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);

        var trial = await breaker.ReturnAsync(429, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(2)));

        var reopened = trial.Transition!;
        Assert.Equal((TransitionRule.TrialFailed, (TimeSpan?)TimeSpan.FromSeconds(2)), (reopened.Rule, reopened.BreakDuration));
        Assert.Equal("trial failed; break 2 s as the provider's retry-after of 2 s asks", reopened.Reason);

        // The next re-open without a retry-after grows from the configured break again: 10 s × 4².
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(160), (await breaker.FailAsync()).Transition!.BreakDuration);
    }

    [Fact]
    public async Task FailureWithRetryAfter_RollingWindowWithoutBreak_BreakLastsTheRetryAfterThenHalfOpen()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 1);
            o.BreakDuration = null;
        });

        var opened = (await breaker.ReturnAsync(503, CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(4)))).Transition!;

        Assert.Equal((BreakerState.HalfOpen, (TimeSpan?)TimeSpan.FromSeconds(4)), (opened.BreakEndsIn!.Value, opened.BreakDuration));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    private static Breaker Consecutive(FakeTimeProvider clock, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(failures));
}
