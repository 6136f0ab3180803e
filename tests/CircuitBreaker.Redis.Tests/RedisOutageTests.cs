using System.Diagnostics;

namespace CircuitBreaker.Redis.Tests;

/// <summary>Redis is never on the call path: killed or hung mid-run, every instance goes on as a local breaker within
/// 1 s, no call slows down, and once Redis is back the instances rejoin and adopt the fleet's state. Each test kills
/// or stops a redis-server of its own.</summary>
public sealed class RedisOutageTests
{
    private static readonly TimeSpan Detach = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task RedisKilledMidRun_CallsFlowLocally_AndRestarted_InstancesRejoin()
    {
        await using var server = await RedisServer.StartAsync();
        await using var fleet = await Fleet.StartAsync(server, 2, WindowOf(3));
        using var load = CallLoad.Start(fleet.Breakers);

        server.Kill();
        var detached = await Eventually.UntilAsync(() => fleet.States.All(state => !state.IsAttached), "every instance runs locally");
        Assert.True(detached < Detach, $"Going local took {detached.TotalMilliseconds:0} ms.");

        // Local decisions: the first instance opens on its own failures, the second knows nothing of it.
        await fleet[0].FailAsync(3);
        Assert.Equal(BreakerState.Open, fleet[0].State);
        Assert.Equal(BreakerState.Closed, fleet[1].State);

        await server.RestartAsync();
        await Eventually.UntilAsync(() => fleet.States.All(state => state.IsAttached), "every instance rejoined");

        // The restarted Redis is empty: the open instance offers its opening again, and the fleet adopts it.
        await Eventually.UntilAsync(() => fleet.All(BreakerState.Open), "the fleet adopted the opening made while apart");
        await load.AssertNoCallSlowedAsync();
    }

    [Fact]
    public async Task RedisHung_CallsDoNotWait_AndEveryInstanceGoesLocalWithin1s()
    {
        await using var server = await RedisServer.StartAsync();
        await using var fleet = await Fleet.StartAsync(server, 2, WindowOf(3));
        using var load = CallLoad.Start(fleet.Breakers);

        // A stopped process keeps its sockets open and answers nothing: what a slow or stuck Redis looks like.
        server.Suspend();
        try
        {
            await fleet[0].FailAsync(3);
            Assert.Equal(BreakerState.Open, fleet[0].State);
            var detached = await Eventually.UntilAsync(() => fleet.States.All(state => !state.IsAttached), "every instance runs locally");
            Assert.True(detached < Detach, $"Going local took {detached.TotalMilliseconds:0} ms.");
        }
        finally
        {
            server.Resume();
        }

        await Eventually.UntilAsync(() => fleet.States.All(state => state.IsAttached), "every instance rejoined");
        await load.AssertNoCallSlowedAsync();
        await fleet[1].ResetAsync();
        await Eventually.UntilAsync(() => fleet.All(BreakerState.Closed), "the shared circuit works again");
    }

    /// <summary>A window policy, so that the successes of the call load do not wipe the failures out.</summary>
    private static Action<BreakerOptions> WindowOf(int failures) => options =>
    {
        options.Policy = BreakerPolicy.RollingWindow(TimeSpan.FromMinutes(1), failures);
        options.BreakDuration = TimeSpan.FromMinutes(5);
    };

    /// <summary>Synchronous successful calls on every breaker, in a loop, each timed: the operation takes no time,
    /// so a call's whole duration is what the breaker adds.</summary>
    private sealed class CallLoad : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<(long Calls, TimeSpan Slowest, long OverOneMs, long Waited)>[] _loops;

        private CallLoad(IReadOnlyList<Breaker> breakers) =>
            _loops = [.. breakers.Select(breaker => Task.Run(() => LoopAsync(breaker, _stop.Token)))];

        public static CallLoad Start(IReadOnlyList<Breaker> breakers) => new(breakers);

        /// <summary>Stops the load and checks it: calls kept flowing, every one returned already completed (so none
        /// waited on anything, Redis least of all), and at most 0.1 % took 1 ms or more (a thread preempted on the
        /// shared machine). No wall-clock bound on the single slowest call: that would measure the machine.</summary>
        public async Task AssertNoCallSlowedAsync()
        {
            await _stop.CancelAsync();
            foreach (var loop in _loops)
            {
                var (calls, slowest, overOneMs, waited) = await loop;
                Assert.True(calls > 1000, $"Only {calls} calls ran.");
                Assert.True(waited == 0, $"{waited} of {calls} calls did not complete at once: they waited on something.");
                Assert.True(overOneMs <= calls / 1000, $"{overOneMs} of {calls} calls took more than 1 ms (slowest {slowest.TotalMilliseconds:0.0} ms).");
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _stop.Dispose();
        }

        private static async Task<(long, TimeSpan, long, long)> LoopAsync(Breaker breaker, CancellationToken stop)
        {
            long calls = 0;
            long waited = 0;
            long overOneMs = 0;
            var slowest = TimeSpan.Zero;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                var call = breaker.TryExecuteAsync(Calls.Succeed, CancellationToken.None);
                waited += call.IsCompleted ? 0 : 1;
                await call;
                var took = Stopwatch.GetElapsedTime(started);
                calls++;
                slowest = took > slowest ? took : slowest;
                overOneMs += took >= TimeSpan.FromMilliseconds(1) ? 1 : 0;
                // A steady load, not a spin: spinning loops would starve the other threads of the test process.
                if (calls % 50 == 0)
                {
                    await Task.Delay(1, CancellationToken.None);
                }
            }

            return (calls, slowest, overOneMs, waited);
        }
    }
}
