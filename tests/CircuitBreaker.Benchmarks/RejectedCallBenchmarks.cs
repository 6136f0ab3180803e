using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;

namespace CircuitBreaker.Benchmarks;

/// <summary>Scenario 2: the circuit is open (tripped by failed calls, with a one-hour break) and every call is
/// rejected without running. Every method has the same async shape (an awaiting wrapper that completes synchronously),
/// so the wrapper costs both sides the same. The baseline is Polly's exception-free <c>ExecuteOutcomeAsync</c>, its
/// cheapest rejection; its throwing <c>ExecuteAsync</c> and ours are shown for comparison.</summary>
[Config(typeof(BenchmarkConfig))]
public class RejectedCallBenchmarks
{
    private readonly CircuitBreakerStateProvider _pollyState = new();
    private ResiliencePipeline _polly = null!;
    private Breaker _ours = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _polly = Contestants.PollyPipeline(_pollyState);
        _ours = Contestants.OursConsecutive();
        await Contestants.TripAsync(_polly, _pollyState);
        await Contestants.TripAsync(_ours);
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _ours.DisposeAsync();

    [Benchmark(Baseline = true, Description = "Polly ExecuteOutcomeAsync (no throw)")]
    public async ValueTask<int> Polly_ExecuteOutcomeAsync()
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        var outcome = await _polly.ExecuteOutcomeAsync(static (_, value) => Outcome.FromResultAsValueTask(value), context, 42);
        ResilienceContextPool.Shared.Return(context);
        return outcome.Exception is null ? outcome.Result : -1;
    }

    [Benchmark(Description = "Polly ExecuteAsync (throws)")]
    public async ValueTask<int> Polly_ExecuteAsync()
    {
        try
        {
            return await _polly.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        }
        catch (BrokenCircuitException)
        {
            return -1;
        }
    }

    [Benchmark(Description = "Ours TryExecuteAsync (no throw)")]
    public async ValueTask<int> Ours_TryExecuteAsync()
    {
        var outcome = await _ours.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        return outcome.IsRejected ? -1 : outcome.Value;
    }

    [Benchmark(Description = "Ours ExecuteAsync (throws)")]
    public async ValueTask<int> Ours_ExecuteAsync()
    {
        try
        {
            return await _ours.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        }
        catch (CircuitOpenException)
        {
            return -1;
        }
    }
}
