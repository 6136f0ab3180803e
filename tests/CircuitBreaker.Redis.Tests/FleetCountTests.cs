using StackExchange.Redis;

namespace CircuitBreaker.Redis.Tests;

/// <summary>The window policies decide on the fleet's outcomes; failures in a row are the fleet's, reset by any
/// instance's success.</summary>
public sealed class FleetCountTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    public static TheoryData<string> WindowPolicies => ["rolling", "ratio", "last"];

    [Theory]
    [MemberData(nameof(WindowPolicies))]
    public async Task ThreeInstancesEachBelowTheThreshold_TogetherAbove_OpenEveryInstance(string policy)
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 3, options =>
        {
            // Each instance makes 2 failures and 2 successes: 4 calls, half failed. Alone, none reaches its policy's
            // threshold; the fleet's 12 calls with 6 failures do.
            options.Policy = policy switch
            {
                "rolling" => BreakerPolicy.RollingWindow(TimeSpan.FromMinutes(1), 6),
                "ratio" => BreakerPolicy.FailureRatio(TimeSpan.FromMinutes(1), 0.5, 10),
                _ => BreakerPolicy.LastCalls(12, 6),
            };
            options.BreakDuration = TimeSpan.FromMinutes(5);
        });

        foreach (var breaker in fleet.Breakers)
        {
            await breaker.SucceedAsync();
            await breaker.FailAsync(2);
            await breaker.SucceedAsync();
            Assert.Equal(BreakerState.Closed, breaker.State);
        }

        await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "every instance is open on the fleet's counts");
        var breakEnds = new HashSet<DateTimeOffset?>();
        foreach (var breaker in fleet.Breakers)
        {
            breakEnds.Add((await breaker.GetSnapshotAsync()).BreakEndsAt);
        }

        Assert.Single(breakEnds);
    }

    [Fact]
    public async Task ConsecutiveFailures_AreTheFleetsInARow_AndAnySuccessResetsThem()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 3, options =>
        {
            options.Policy = BreakerPolicy.ConsecutiveFailures(3);
            options.BreakDuration = TimeSpan.FromMinutes(5);
        });
        await using var raw = await fleet.ConnectRawAsync();
        var db = raw.GetDatabase();

        await fleet[0].FailAsync(2);
        await Eventually.UntilAsync(async () => await RowAsync(db, fleet) == 2, "the fleet counts 2 failures in a row");
        // A success counts for the fleet once its instance has heard that the fleet's count is not zero (a published
        // message): until then it may change nothing, so the success is repeated until it resets the count.
        await Eventually.UntilAsync(
            async () =>
            {
                await fleet[1].SucceedAsync();
                return await RowAsync(db, fleet) == 0;
            },
            "a success elsewhere resets the fleet's count");

        // One failure each on two instances: 2 in a row for the fleet, below 3. "In a row" is in the order batches
        // reach Redis, and the second instance may still hold a success of the loop above: its failure is seen
        // counted (after that success) before the third instance fails.
        await fleet[1].FailAsync();
        await Eventually.UntilAsync(async () => await RowAsync(db, fleet) == 1, "the fleet counts 1 failure in a row");
        await fleet[2].FailAsync();
        await Eventually.UntilAsync(async () => await RowAsync(db, fleet) == 2, "the fleet counts 2 failures in a row again");
        Assert.True(fleet.All(BreakerState.Closed));

        // A third failure, on an instance that has seen only one of its own: the fleet's third in a row opens all.
        await fleet[2].FailAsync();
        await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "every instance is open");
    }

    private static async Task<long> RowAsync(IDatabase db, Fleet fleet) =>
        (long?)await db.HashGetAsync($"cb:{{{fleet.Name}}}:state", "row") ?? 0;
}
