namespace CircuitBreaker.Redis.Tests;

/// <summary>Half-open trials are leased fleet-wide, and the first trial's result decides for every instance.</summary>
public sealed class FleetTrialTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task HalfOpen_UnderParallelLoadFromFiveInstances_RunsAtMostHalfOpenMaxCallsTrials(int maxTrials)
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 5, options =>
        {
            options.Policy = BreakerPolicy.ConsecutiveFailures(2);
            options.BreakDuration = TimeSpan.FromMilliseconds(300);
            options.HalfOpenMaxCalls = maxTrials;
            options.TrialDeadline = TimeSpan.FromSeconds(30);
        });
        var provider = new StubProvider();
        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "every instance is open");
        await Eventually.UntilAsync(() => fleet.All(BreakerState.HalfOpen), "every instance is half-open");

        // Every instance tries calls in parallel until the fleet's trials have all reached the provider, and a
        // while longer: no instance may run one more.
        using var stop = new CancellationTokenSource();
        var load = fleet.Breakers.SelectMany(breaker => Enumerable.Range(0, 4).Select(_ => HammerAsync(breaker, provider, stop.Token))).ToArray();
        await Eventually.UntilAsync(() => provider.Calls >= maxTrials, $"{maxTrials} trials reached the provider");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var trials = provider.Calls;

        // The load stops before the provider recovers: once the circuit closes, every call would complete at once and
        // the loops, never yielding, would keep the test itself from running. The trials in flight still finish.
        await stop.CancelAsync();
        provider.Recover();
        await Eventually.UntilAsync(() => fleet.All(BreakerState.Closed), "the trial's success closed every instance");
        await Task.WhenAll(load);

        Assert.Equal(maxTrials, trials);
    }

    [Fact]
    public async Task HalfOpen_OneInstanceHasCalls_ItRunsTheTrial_IdleInstancesHoldNoSlot()
    {
        // One fleet-wide slot and a trial deadline far beyond the test's: were an idle instance to lease the slot, the
        // busy one would be rejected until the deadline.
        await using var fleet = await Fleet.StartAsync(redis.Server, 5, options =>
        {
            options.Policy = BreakerPolicy.ConsecutiveFailures(2);
            options.BreakDuration = TimeSpan.FromMilliseconds(200);
            options.HalfOpenMaxCalls = 1;
            options.TrialDeadline = TimeSpan.FromMinutes(5);
        });
        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(() => fleet.All(BreakerState.HalfOpen), "every instance is half-open");

        // Its first call asks the fleet for the slot and is rejected; a later one is the trial.
        await Eventually.UntilAsync(async () => !(await fleet[4].SucceedAsync()).IsRejected, "the only instance with calls ran the trial");

        await Eventually.UntilAsync(() => fleet.All(BreakerState.Closed), "its success closed every instance");
    }

    [Fact]
    public async Task FailedTrial_ReopensEveryInstance()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 3, options =>
        {
            options.Policy = BreakerPolicy.ConsecutiveFailures(2);
            options.BreakDuration = TimeSpan.FromMilliseconds(200);
        });
        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(() => fleet.All(BreakerState.HalfOpen), "every instance is half-open");

        // The one trial slot goes to whichever instance leased it first: offer a failing call to each in turn.
        var next = 0;
        await Eventually.UntilAsync(
            async () => !(await fleet[next++ % fleet.Breakers.Count].FailAsync()).IsRejected,
            "an instance ran the trial");

        await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "the failed trial reopened every instance");
    }

    private static async Task HammerAsync(Breaker breaker, StubProvider provider, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var outcome = await breaker.TryExecuteAsync(provider.CallAsync, CancellationToken.None);
            if (outcome.IsRejected)
            {
                // A caller that retries every millisecond. Spinning with Task.Yield instead keeps the thread pool's
                // local queues full on two cores, and the trial's own continuation then waits seconds for a thread.
                await Task.Delay(TimeSpan.FromMilliseconds(1), CancellationToken.None);
            }
        }
    }
}
