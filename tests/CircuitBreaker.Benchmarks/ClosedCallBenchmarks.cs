using BenchmarkDotNet.Attributes;
using Polly;

namespace CircuitBreaker.Benchmarks;

/// <summary>Scenario 1: the circuit is closed and the guarded call is a static lambda returning an already-completed
/// <see cref="ValueTask{TResult}"/>, with its argument passed as state so that neither side allocates a closure.
/// What is measured is the breaker's own overhead per successful call: plain, with the result classified (our
/// per-call <c>classify</c> delegate; Polly's <c>ShouldHandle</c> looking at the result), and with one shadow policy.</summary>
[Config(typeof(BenchmarkConfig))]
public class ClosedCallBenchmarks
{
    private ResiliencePipeline _polly = null!;
    private ResiliencePipeline<int> _pollyTyped = null!;
    private ResiliencePipeline _pollyClassifying = null!;
    private ResiliencePipeline<int> _pollyTypedClassifying = null!;
    private Breaker _oursConsecutive = null!;
    private Breaker _oursShadowConsecutive = null!;
    private Breaker _oursShadowRatio = null!;
    private Breaker _oursRatio = null!;

    [GlobalSetup]
    public void Setup()
    {
        _polly = Contestants.PollyPipeline();
        _pollyTyped = Contestants.PollyTypedPipeline();
        _pollyClassifying = Contestants.PollyPipelineClassifyingResults();
        _pollyTypedClassifying = Contestants.PollyTypedPipelineClassifyingResults();
        _oursConsecutive = Contestants.OursConsecutive();
        _oursShadowConsecutive = Contestants.OursConsecutiveWithShadow("fail-max 5", BreakerPolicy.ConsecutiveFailures(5));
        _oursShadowRatio = Contestants.OursConsecutiveWithShadow("ratio", Contestants.RatioPolicy);
        _oursRatio = Contestants.OursRatio();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _oursConsecutive.DisposeAsync();
        await _oursShadowConsecutive.DisposeAsync();
        await _oursShadowRatio.DisposeAsync();
        await _oursRatio.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "Polly ExecuteAsync (ratio)")]
    public ValueTask<int> Polly_ExecuteAsync() =>
        _polly.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Polly ResiliencePipeline<int> ExecuteAsync (ratio)")]
    public ValueTask<int> Polly_Typed_ExecuteAsync() =>
        _pollyTyped.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Polly ExecuteAsync, ShouldHandle on result (ratio)")]
    public ValueTask<int> Polly_ExecuteAsync_ShouldHandleResult() =>
        _pollyClassifying.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Polly ResiliencePipeline<int> ExecuteAsync, ShouldHandle on result (ratio)")]
    public ValueTask<int> Polly_Typed_ExecuteAsync_ShouldHandleResult() =>
        _pollyTypedClassifying.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours ExecuteAsync (consecutive)")]
    public ValueTask<int> Ours_ExecuteAsync_Consecutive() =>
        _oursConsecutive.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync (consecutive)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_Consecutive() =>
        _oursConsecutive.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync, classify (consecutive)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_Classify_Consecutive() =>
        _oursConsecutive.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, Contestants.Classify, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync (consecutive + shadow fail-max 5)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_ShadowConsecutive() =>
        _oursShadowConsecutive.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync (consecutive + shadow ratio)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_ShadowRatio() =>
        _oursShadowRatio.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours ExecuteAsync (ratio)")]
    public ValueTask<int> Ours_ExecuteAsync_Ratio() =>
        _oursRatio.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync (ratio)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_Ratio() =>
        _oursRatio.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync, classify (ratio)")]
    public ValueTask<BreakerOutcome<int>> Ours_TryExecuteAsync_Classify_Ratio() =>
        _oursRatio.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, Contestants.Classify, CancellationToken.None);
}
