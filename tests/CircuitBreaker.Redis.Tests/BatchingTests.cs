using System.Diagnostics;

namespace CircuitBreaker.Redis.Tests;

/// <summary>Outcomes go to Redis in batches at most every 50 ms, however many calls there are.</summary>
public sealed class BatchingTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int CallsPerInstance = 100_000;

    [Fact]
    public async Task BurstOf100000CallsPerInstance_PublishesAtMost20BatchesASecondPerInstance()
    {
        await using var fleet = await Fleet.StartAsync(redis.Server, 2, options =>
        {
            options.Policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), 1_000_000);
        });
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(fleet.Breakers.Select(breaker => Task.Run(async () =>
        {
            for (var i = 0; i < CallsPerInstance; i++)
            {
                if (i % 100 == 99)
                {
                    await breaker.FailAsync();
                }
                else
                {
                    await breaker.SucceedAsync();
                }
            }
        })));

        // Let the last batch go out, then count: every call must have reached the fleet's window.
        await using var raw = await fleet.ConnectRawAsync();
        await Eventually.UntilAsync(async () => await FleetCallsAsync(raw, fleet) == 2L * CallsPerInstance, "every call is counted in Redis");
        var seconds = clock.Elapsed.TotalSeconds;
        for (var i = 0; i < fleet.States.Count; i++)
        {
            var batches = fleet.States[i].BatchesPublished(fleet.Name);
            Assert.True(batches <= (20 * seconds) + 2, $"Instance {i} wrote {batches} batches in {seconds:0.00} s.");
        }

        Assert.True(fleet.All(BreakerState.Closed));
    }

    /// <summary>The calls in every bucket of the fleet's window.</summary>
    private static async Task<long> FleetCallsAsync(StackExchange.Redis.ConnectionMultiplexer raw, Fleet fleet)
    {
        var server = raw.GetServer(raw.GetEndPoints()[0]);
        long calls = 0;
        await foreach (var key in server.KeysAsync(pattern: $"cb:{{{fleet.Name}}}:w:*"))
        {
            calls += (long?)await raw.GetDatabase().HashGetAsync(key, "c") ?? 0;
        }

        return calls;
    }
}
