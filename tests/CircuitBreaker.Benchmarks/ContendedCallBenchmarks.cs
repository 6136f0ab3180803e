using BenchmarkDotNet.Attributes;
using Polly;

namespace CircuitBreaker.Benchmarks;

/// <summary>Scenario 3: two threads hammer one closed breaker with successful already-completed calls. One invocation
/// runs <see cref="Threads"/> tasks of <see cref="CallsPerThread"/> calls each concurrently; the reported time is per
/// call (OperationsPerInvoke), so lower time means higher total throughput.</summary>
[Config(typeof(BenchmarkConfig))]
public class ContendedCallBenchmarks
{
    public const int Threads = 2;
    public const int CallsPerThread = 100_000;
    private const int Calls = Threads * CallsPerThread;

    private ResiliencePipeline _polly = null!;
    private ResiliencePipeline<int> _pollyTyped = null!;
    private Breaker _oursConsecutive = null!;
    private Breaker _oursRatio = null!;
    private Func<Task<int>> _pollyLoop = null!;
    private Func<Task<int>> _pollyTypedLoop = null!;
    private Func<Task<int>> _oursExecuteLoop = null!;
    private Func<Task<int>> _oursTryConsecutiveLoop = null!;
    private Func<Task<int>> _oursTryRatioLoop = null!;

    [GlobalSetup]
    public void Setup()
    {
        _polly = Contestants.PollyPipeline();
        _pollyTyped = Contestants.PollyTypedPipeline();
        _oursConsecutive = Contestants.OursConsecutive();
        _oursRatio = Contestants.OursRatio();
        _pollyLoop = () => PollyLoopAsync(_polly);
        _pollyTypedLoop = () => PollyTypedLoopAsync(_pollyTyped);
        _oursExecuteLoop = () => OursExecuteLoopAsync(_oursConsecutive);
        _oursTryConsecutiveLoop = () => OursTryLoopAsync(_oursConsecutive);
        _oursTryRatioLoop = () => OursTryLoopAsync(_oursRatio);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _oursConsecutive.DisposeAsync();
        await _oursRatio.DisposeAsync();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "Polly ExecuteAsync (ratio), 2 threads")]
    public Task<int[]> Polly_ExecuteAsync() => Hammer(_pollyLoop);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Polly ResiliencePipeline<int> ExecuteAsync (ratio), 2 threads")]
    public Task<int[]> Polly_Typed_ExecuteAsync() => Hammer(_pollyTypedLoop);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Ours ExecuteAsync (consecutive), 2 threads")]
    public Task<int[]> Ours_ExecuteAsync_Consecutive() => Hammer(_oursExecuteLoop);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Ours TryExecuteAsync (consecutive), 2 threads")]
    public Task<int[]> Ours_TryExecuteAsync_Consecutive() => Hammer(_oursTryConsecutiveLoop);

    [Benchmark(OperationsPerInvoke = Calls, Description = "Ours TryExecuteAsync (ratio), 2 threads")]
    public Task<int[]> Ours_TryExecuteAsync_Ratio() => Hammer(_oursTryRatioLoop);

    private static Task<int[]> Hammer(Func<Task<int>> loop)
    {
        var tasks = new Task<int>[Threads];
        for (var i = 0; i < Threads; i++)
        {
            tasks[i] = Task.Run(loop);
        }

        return Task.WhenAll(tasks);
    }

    private static async Task<int> PollyLoopAsync(ResiliencePipeline pipeline)
    {
        var sum = 0;
        for (var i = 0; i < CallsPerThread; i++)
        {
            sum += await pipeline.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, CancellationToken.None);
        }

        return sum;
    }

    private static async Task<int> PollyTypedLoopAsync(ResiliencePipeline<int> pipeline)
    {
        var sum = 0;
        for (var i = 0; i < CallsPerThread; i++)
        {
            sum += await pipeline.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, CancellationToken.None);
        }

        return sum;
    }

    private static async Task<int> OursExecuteLoopAsync(Breaker breaker)
    {
        var sum = 0;
        for (var i = 0; i < CallsPerThread; i++)
        {
            sum += await breaker.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, CancellationToken.None);
        }

        return sum;
    }

    private static async Task<int> OursTryLoopAsync(Breaker breaker)
    {
        var sum = 0;
        for (var i = 0; i < CallsPerThread; i++)
        {
            var outcome = await breaker.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, CancellationToken.None);
            sum += outcome.Value;
        }

        return sum;
    }
}
