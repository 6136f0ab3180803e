using StackExchange.Redis;

namespace CircuitBreaker.Redis.Tests;

/// <summary>Openings, isolation and resets spread to every instance; a late breaker starts in the fleet's state; a
/// message of an older generation changes nothing.</summary>
public sealed class SharedOpeningTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static readonly TimeSpan Spread = TimeSpan.FromMilliseconds(100);

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public async Task Opening_OnOneInstance_IsSeenByAllWithin100msWithTheSameBreakEnd(int instances)
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, instances, Consecutive(3));

        await fleet[0].FailAsync(3);
        Assert.Equal(BreakerState.Open, fleet[0].State);
        var took = await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "every instance is open");

        Assert.True(took < Spread, $"The opening took {took.TotalMilliseconds:0.0} ms to reach every instance.");
        var breakEnds = new HashSet<DateTimeOffset?>();
        foreach (var breaker in fleet.Breakers)
        {
            breakEnds.Add((await breaker.GetSnapshotAsync()).BreakEndsAt);
        }

        Assert.Single(breakEnds);
        for (var i = 1; i < instances; i++)
        {
            Assert.True((await fleet[i].SucceedAsync()).IsRejected, $"Instance {i} admitted a call while the fleet is open.");
        }
    }

    [Fact]
    public async Task OpeningElsewhere_IsRaisedAsASharedTransition()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 2, Consecutive(2));
        var seen = new TaskCompletionSource<CircuitTransition>(TaskCreationOptions.RunContinuationsAsynchronously);
        fleet[1].StateChanged += (_, e) => seen.TrySetResult(e.Transition);

        await fleet[0].FailAsync(2);
        var transition = await seen.Task.WaitAsync(Eventually.Deadline);

        Assert.Equal(TransitionRule.Shared, transition.Rule);
        Assert.Equal(BreakerState.Open, transition.To);
        Assert.Equal((await fleet[0].GetSnapshotAsync()).BreakEndsAt, transition.BreakEndsAt);
    }

    [Fact]
    public async Task IsolateAndReset_OnOneInstance_SpreadToAll()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 3, Consecutive(3));

        await fleet[1].IsolateAsync();
        var isolated = await Eventually.UntilAsync(() => fleet.All(BreakerState.Isolated), "every instance is isolated");
        await fleet[2].ResetAsync();
        var reset = await Eventually.UntilAsync(() => fleet.All(BreakerState.Closed), "every instance is closed again");

        Assert.True(isolated < Spread, $"Isolation took {isolated.TotalMilliseconds:0.0} ms.");
        Assert.True(reset < Spread, $"The reset took {reset.TotalMilliseconds:0.0} ms.");
    }

    [Fact]
    public async Task Reset_OfAnOpenFleet_ClosesEveryInstance()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 2, Consecutive(2));
        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "every instance is open");

        await fleet[1].ResetAsync();

        await Eventually.UntilAsync(() => fleet.All(BreakerState.Closed), "every instance is closed");
        Assert.False((await fleet[0].SucceedAsync()).IsRejected);
    }

    [Fact]
    public async Task InstanceStartedWhileOpen_StartsOpen()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 1, Consecutive(2));
        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(async () => await StoredStateAsync(fleet) == (int)BreakerState.Open, "the opening is in Redis");

        // The join completes only once the breaker has taken the fleet's state on: no call is admitted before.
        var late = await fleet.AddAsync();

        Assert.Equal(BreakerState.Open, late.State);
        Assert.Equal((await fleet[0].GetSnapshotAsync()).BreakEndsAt, (await late.GetSnapshotAsync()).BreakEndsAt);
        Assert.True((await late.SucceedAsync()).IsRejected);
    }

    [Fact]
    public async Task MessageOfAnOlderGeneration_ChangesNothing()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 2, Consecutive(2));
        var seen = new List<BreakerState>();
        fleet[1].StateChanged += (_, e) =>
        {
            lock (seen)
            {
                seen.Add(e.To);
            }
        };
        BreakerState[] Seen()
        {
            lock (seen)
            {
                return [.. seen];
            }
        }

        // The second instance must have taken on both changes (generations 1 and 2): it reads Closed before the first too.
        await fleet[0].IsolateAsync();
        await fleet[0].ResetAsync();
        await Eventually.UntilAsync(() => Seen().SequenceEqual([BreakerState.Isolated, BreakerState.Closed]), "the second instance took on the isolation and the reset");
        Assert.Equal(2, await GenerationAsync(fleet));
        lock (seen)
        {
            seen.Clear();
        }

        await using var raw = await fleet.ConnectRawAsync();

        // A late delivery of the isolation (generation 1), then a real opening (generation 3) on the same channel:
        // messages arrive in order, so once the opening is seen the late one has been handled.
        await raw.GetSubscriber().PublishAsync(RedisChannel.Literal($"cb:{{{fleet.Name}}}:events"), "S|1|3|0|2|0");
        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(() => fleet[1].State == BreakerState.Open, "the second instance is open");
        await fleet[1].GetSnapshotAsync();

        Assert.Equal([BreakerState.Open], Seen());
    }

    [Fact]
    public async Task Reset_OfAnInstanceThatIsClosedHere_StillResetsTheFleet()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 1, Consecutive(2));

        // The fleet is open (generation 1), and this instance has not heard of it yet: written without a PUBLISH.
        await using (var raw = await fleet.ConnectRawAsync())
        {
            await raw.GetDatabase().HashSetAsync(
                $"cb:{{{fleet.Name}}}:state",
                [new("gen", 1), new("st", (int)BreakerState.Open), new("end", TimeProvider.System.GetUtcNow().AddMinutes(5).UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("in", (int)BreakerState.HalfOpen), new("clr", 0)]);
        }

        Assert.Equal(BreakerState.Closed, fleet[0].State);
        await fleet[0].ResetAsync();

        await Eventually.UntilAsync(async () => await GenerationAsync(fleet) == 2, "the reset reached the fleet");
        Assert.Equal((int)BreakerState.Closed, await StoredStateAsync(fleet));
    }

    private static async Task<long> GenerationAsync(Fleet fleet)
    {
        await using var raw = await fleet.ConnectRawAsync();
        return (long?)await raw.GetDatabase().HashGetAsync($"cb:{{{fleet.Name}}}:state", "gen") ?? 0;
    }

    private static async Task<long> StoredStateAsync(Fleet fleet)
    {
        await using var raw = await fleet.ConnectRawAsync();
        return (long?)await raw.GetDatabase().HashGetAsync($"cb:{{{fleet.Name}}}:state", "st") ?? -1;
    }

    private static Action<BreakerOptions> Consecutive(int failures) => options =>
    {
        options.Policy = BreakerPolicy.ConsecutiveFailures(failures);
        options.BreakDuration = TimeSpan.FromMinutes(5);
    };
}
