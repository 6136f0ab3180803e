namespace CircuitBreaker.Tests;

public sealed class BreakerOutcomeTests
{
    [Fact]
    public async Task Outcomes_DescribeHowTheCallEnded()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));

        var success = await breaker.SucceedAsync();
        var failure = await breaker.FailAsync();
        var rejection = await breaker.SucceedAsync();

        Assert.Equal((true, false, false, 42, (Exception?)null), (success.HasValue, success.IsFailure, success.IsRejected, success.Value, success.Exception));
        Assert.Equal(CallVerdictKind.Success, success.CountedAs);
        Assert.Equal("Completed(42) in Closed, counted as Success", success.ToString());
        Assert.IsType<InvalidOperationException>(failure.Exception);
        Assert.Equal((false, true, CallVerdictKind.Failure), (failure.HasValue, failure.IsFailure, failure.CountedAs));
        Assert.Equal("Faulted(InvalidOperationException) in Closed, counted as Failure", failure.ToString());
        Assert.Null(rejection.CountedAs);
        Assert.False(rejection.IsFailure);
        Assert.Null(rejection.Transition);
        Assert.Empty(rejection.ShadowTransitions);
        Assert.Equal("Rejected in Open", rejection.ToString());
        Assert.Equal(rejection, await breaker.SucceedAsync());
        Assert.NotEqual(success, rejection);
    }

    [Fact]
    public async Task Transition_CallThatChangedNothing_IsNullAndEffectIsEmpty()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));

        var failure = await breaker.FailAsync();

        Assert.Null(failure.Transition);
        Assert.Empty(failure.ShadowTransitions);
        Assert.Null(failure.Effect.Transition);
        Assert.Equal(default, failure.Effect);
    }

    [Fact]
    public async Task Effect_CallThatOpened_CarriesTheSameTransition()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));

        var failure = await breaker.FailAsync();

        Assert.NotNull(failure.Transition);
        Assert.Same(failure.Transition, failure.Effect.Transition);
    }

    [Fact]
    public async Task RetryAfter_Rejection_IsComputedFromTheClockWhenRead()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await breaker.FailAsync();

        var rejection = await breaker.SucceedAsync();
        Assert.Equal(BreakerTestKit.Break, rejection.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.Equal(TimeSpan.FromSeconds(6), rejection.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(TimeSpan.Zero, rejection.RetryAfter);
    }
}
