namespace CircuitBreaker.Tests;

/// <summary>The hot paths allocate nothing: a closed success of an already-completed operation, and a rejection
/// through the exception-free API.</summary>
[Collection(nameof(AllocationMeasurements))]
public sealed class BreakerAllocationTests
{
    private const int Calls = 10_000;

    public static TheoryData<string> Policies => ["consecutive", "window", "ratio", "last-calls"];

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task TryExecuteAsync_ClosedSuccess_AllocatesNothing(string policy)
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = Policy(policy));
        RunSuccesses(breaker, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunSuccesses(breaker, Calls);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task ExecuteAsync_ClosedSuccess_AllocatesNothing()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock);
        RunExecutes(breaker, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        RunExecutes(breaker, Calls);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task TryExecuteAsync_Rejected_AllocatesNothing(string policy)
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = Policy(policy);
            o.BreakDuration = TimeSpan.FromSeconds(10);
        });
        for (var i = 0; i < 20 && breaker.State == BreakerState.Closed; i++)
        {
            await breaker.FailAsync();
        }

        Assert.Equal(BreakerState.Open, breaker.State);
        breaker.CountSyncRejections(100);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var rejections = breaker.CountSyncRejections(Calls);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Calls, rejections);
    }

    private static void RunSuccesses(Breaker breaker, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var outcome = breaker.TryExecuteAsync(BreakerTestKit.Succeed);
            Assert.True(outcome.IsCompletedSuccessfully && outcome.Result.HasValue);
        }
    }

    private static void RunExecutes(Breaker breaker, int calls)
    {
        for (var i = 0; i < calls; i++)
        {
            var value = breaker.ExecuteAsync(BreakerTestKit.Succeed);
            Assert.True(value.IsCompletedSuccessfully && value.Result == 42);
        }
    }

    private static BreakerPolicy Policy(string name) => name switch
    {
        "consecutive" => BreakerPolicy.ConsecutiveFailures(3),
        "window" => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), failures: 3),
        "ratio" => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), ratio: 0.5, minimumThroughput: 3),
        _ => BreakerPolicy.LastCalls(calls: 10, failures: 3),
    };
}
