using CircuitBreaker.Tests.Telemetry;

namespace CircuitBreaker.Tests;

/// <summary>Real parallelism: several threads hammer one breaker with random outcomes. Every loop is bounded in
/// count, and every wait has a timeout, so a bug fails the test instead of hanging it.</summary>
public sealed class BreakerConcurrencyTests
{
    private const int Workers = 4;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hammer_RandomOutcomes_EveryOutcomeCountedOnce_TrialsNeverExceedTheLimit()
    {
        const int callsPerWorker = 50_000;
        const int halfOpenMaxCalls = 3;
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = BreakerTestKit.UniqueName("hammer");
            o.Policy = BreakerPolicy.ConsecutiveFailures(4);
            o.HalfOpenMaxCalls = halfOpenMaxCalls;
            o.SuccessesToClose = 2;
            o.TrialDeadline = TimeSpan.FromDays(1);
        });
        using var metrics = new MetricsRecorder(breaker);
        var tally = new Tally();

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var i = 0; i < callsPerWorker; i++)
            {
                if (worker == 0 && i % 1000 == 999)
                {
                    clock.Advance(TimeSpan.FromSeconds(10));
                }

                var fail = random.NextDouble() < 0.3;
                var yield = random.Next(8) == 0;
                if (random.Next(2) == 0)
                {
                    await CallWithPermitAsync(breaker, tally, fail, yield);
                }
                else
                {
                    await CallWithDelegateAsync(breaker, tally, fail, yield);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(Deadline);
        await breaker.SettleAsync();

        Assert.Equal(Workers * callsPerWorker, tally.Successes + tally.Failures + tally.Rejections);
        Assert.Equal(tally.Successes, metrics.Total("circuitbreaker.calls", "outcome=success"));
        Assert.Equal(tally.Failures, metrics.Total("circuitbreaker.calls", "outcome=failure"));
        Assert.Equal(tally.Rejections, metrics.Total("circuitbreaker.rejections"));
        Assert.InRange(tally.MaxTrialsInFlight, 1, halfOpenMaxCalls);
        Assert.True(metrics.Total("circuitbreaker.transitions", "to=open") > 10, "the circuit should have opened many times");
        Assert.True(metrics.Total("circuitbreaker.transitions", "from=half-open", "to=closed") > 0, "trials should have closed the circuit");
    }

    [Fact]
    public async Task Hammer_WindowPolicy_EverySuccessAndFailureLandsInTheWindowOnce()
    {
        const int callsPerWorker = 50_000;
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
            o.Policy = BreakerPolicy.FailureRatio(TimeSpan.FromDays(1), ratio: 1.0, minimumThroughput: int.MaxValue));
        var failures = 0L;

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(100 + worker);
            for (var i = 0; i < callsPerWorker; i++)
            {
                // Move the clock across a few bucket edges (2.4 h each) while the others keep tallying.
                if (worker == 0 && i % 5_000 == 2_500)
                {
                    clock.Advance(TimeSpan.FromHours(1));
                }

                if (random.NextDouble() < 0.1)
                {
                    Interlocked.Increment(ref failures);
                    await breaker.TryExecuteAsync(BreakerTestKit.Fail);
                }
                else
                {
                    await breaker.TryExecuteAsync(BreakerTestKit.Succeed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).WaitAsync(Deadline);

        var snapshot = await breaker.SnapshotAsync();
        Assert.Equal(BreakerState.Closed, snapshot.State);
        Assert.Equal(Workers * callsPerWorker, snapshot.CallsInWindow);
        Assert.Equal(failures, snapshot.FailuresInWindow);
    }

    [Fact]
    public async Task DisposeAsync_WhileHammered_EveryCallerEndsCleanly()
    {
        const int maxCallsPerWorker = 1_000_000;
        var clock = BreakerTestKit.NewClock();
        var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(3);
            o.HalfOpenMaxCalls = 2;
        });
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var disposed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0L;
        var disposedSeen = 0;

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(200 + worker);
            for (var i = 0; i < maxCallsPerWorker; i++)
            {
                if (Interlocked.Increment(ref calls) == 20_000)
                {
                    started.SetResult();
                }

                if (worker == 0 && i % 500 == 499)
                {
                    clock.Advance(TimeSpan.FromSeconds(10));
                }

                try
                {
                    Func<CancellationToken, ValueTask<int>> operation = random.NextDouble() < 0.4 ? BreakerTestKit.Fail : BreakerTestKit.Succeed;
                    await breaker.TryExecuteAsync(operation);
                }
                catch (ObjectDisposedException)
                {
                    Interlocked.Increment(ref disposedSeen);
                    return;
                }
            }

            // A fast worker can make all its calls before the dispose: its next call, after it, must be refused too.
            await disposed.Task;
            try
            {
                await breaker.TryExecuteAsync(BreakerTestKit.Succeed);
            }
            catch (ObjectDisposedException)
            {
                Interlocked.Increment(ref disposedSeen);
            }
        })).ToArray();

        await started.Task.WaitAsync(Deadline);
        await breaker.DisposeAsync().AsTask().WaitAsync(Deadline);
        disposed.SetResult();
        await Task.WhenAll(workers).WaitAsync(Deadline);

        Assert.Equal(Workers, disposedSeen);
    }

    private static async Task CallWithPermitAsync(Breaker breaker, Tally tally, bool fail, bool yield)
    {
        var permit = await breaker.AcquireAsync();
        if (!permit.IsGranted)
        {
            Interlocked.Increment(ref tally.Rejections);
            return;
        }

        var trial = permit.State == BreakerState.HalfOpen;
        if (trial)
        {
            tally.EnterTrial();
        }

        if (yield)
        {
            await Task.Yield();
        }

        if (trial)
        {
            Interlocked.Decrement(ref tally.TrialsInFlight);
        }

        if (fail)
        {
            Interlocked.Increment(ref tally.Failures);
            await permit.ReportFailureAsync(new InvalidOperationException());
        }
        else
        {
            Interlocked.Increment(ref tally.Successes);
            await permit.ReportSuccessAsync();
        }
    }

    private static async Task CallWithDelegateAsync(Breaker breaker, Tally tally, bool fail, bool yield)
    {
        var outcome = await breaker.TryExecuteAsync<int>(async _ =>
        {
            if (yield)
            {
                await Task.Yield();
            }

            return fail ? throw new InvalidOperationException() : 1;
        });
        switch (outcome.Kind)
        {
            case BreakerOutcomeKind.Completed:
                Interlocked.Increment(ref tally.Successes);
                break;
            case BreakerOutcomeKind.Faulted:
                Interlocked.Increment(ref tally.Failures);
                break;
            default:
                Interlocked.Increment(ref tally.Rejections);
                break;
        }
    }

    private sealed class Tally
    {
#pragma warning disable CA1051 // Plain fields so the workers can update them with Interlocked.
        public long Successes;
        public long Failures;
        public long Rejections;
        public int TrialsInFlight;
        public int MaxTrialsInFlight;
#pragma warning restore CA1051

        public void EnterTrial()
        {
            var now = Interlocked.Increment(ref TrialsInFlight);
            var max = Volatile.Read(ref MaxTrialsInFlight);
            while (now > max)
            {
                var seen = Interlocked.CompareExchange(ref MaxTrialsInFlight, now, max);
                if (seen == max)
                {
                    break;
                }

                max = seen;
            }
        }
    }
}
