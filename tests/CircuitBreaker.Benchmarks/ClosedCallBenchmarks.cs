using BenchmarkDotNet.Attributes;
using Polly;

namespace CircuitBreaker.Benchmarks;

/// <summary>Scenario 1: the circuit is closed and the guarded call is a static lambda returning an already-completed
/// <see cref="ValueTask{TResult}"/>, with its argument passed as state so that neither side allocates a closure.
/// What is measured is the breaker's own overhead per successful call.</summary>
[Config(typeof(BenchmarkConfig))]
public class ClosedCallBenchmarks
{
    private ResiliencePipeline _polly = null!;
    private ResiliencePipeline<int> _pollyTyped = null!;
    private Breaker _oursConsecutive = null!;
    private Breaker _oursRatio = null!;

    [GlobalSetup]
    public void Setup()
    {
        _polly = Contestants.PollyPipeline();
        _pollyTyped = Contestants.PollyTypedPipeline();
        _oursConsecutive = Contestants.OursConsecutive();
        _oursRatio = Contestants.OursRatio();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _oursConsecutive.DisposeAsync();
        await _oursRatio.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Polly ExecuteAsync (ratio)")]
    public ValueTask<int> Polly_ExecuteAsync() =>
        _polly.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Polly ResiliencePipeline<int> ExecuteAsync (ratio)")]
    public ValueTask<int> Polly_Typed_ExecuteAsync() =>
        _pollyTyped.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours ExecuteAsync (consecutive)")]
    public ValueTask<int> Ours_ExecuteAsync_Consecutive() =>
        _oursConsecutive.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync (consecutive)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_Consecutive() =>
        _oursConsecutive.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours ExecuteAsync (ratio)")]
    public ValueTask<int> Ours_ExecuteAsync_Ratio() =>
        _oursRatio.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync (ratio)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_Ratio() =>
        _oursRatio.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
}
