using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using Polly;
using Polly.CircuitBreaker;

namespace CircuitBreaker.Benchmarks;

/// <summary>Not a comparison target: splits a rejection into its parts to explain the rejected-call ratio. Reading
/// the clock (needed to decide lazily whether the break has ended) is most of our rejection; an isolated breaker,
/// which never ends its break by time, rejects without reading it. Polly reads the wall clock on every rejection too.</summary>
[Config(typeof(BenchmarkConfig))]
public class RejectionCostBreakdownBenchmarks
{
    private static readonly KeyValuePair<string, object?> NameTag = new("breaker.name", "bench");
    private static readonly KeyValuePair<string, object?> StateTag = new("state", "open");

    private readonly TimeProvider _system = TimeProvider.System;
    private readonly long _origin = TimeProvider.System.GetTimestamp();
    private readonly CircuitBreakerManualControl _pollyControl = new();
    private static readonly Meter BreakdownMeter = new("CircuitBreaker.Benchmarks.Breakdown");
    private readonly Counter<long> _counter = BreakdownMeter.CreateCounter<long>("bench.rejections");
    private Breaker _oursOpen = null!;
    private Breaker _oursIsolated = null!;
    private ResiliencePipeline _pollyIsolated = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _oursOpen = Contestants.OursConsecutive();
        await Contestants.TripAsync(_oursOpen);
        _oursIsolated = Contestants.OursConsecutive();
        await _oursIsolated.IsolateAsync();
        _pollyIsolated = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions { ManualControl = _pollyControl, BreakDuration = Contestants.LongBreak })
            .Build();
        await _pollyControl.IsolateAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _oursOpen.DisposeAsync();
        await _oursIsolated.DisposeAsync();
    }

    [Benchmark(Description = "TimeProvider.System.GetElapsedTime (our clock read)")]
    public TimeSpan ClockRead() => _system.GetElapsedTime(_origin);

    [Benchmark(Description = "TimeProvider.System.GetUtcNow (Polly's clock read)")]
    public DateTimeOffset WallClockRead() => _system.GetUtcNow();

    [Benchmark(Description = "Counter<long>.Add, 2 tags, no listener")]
    public void CounterAdd() => _counter.Add(1, NameTag, StateTag);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, open, no wrapper")]
    public ValueTask<BreakerOutcome<int>> Ours_Open_Direct() =>
        _oursOpen.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, isolated, no wrapper")]
    public ValueTask<BreakerOutcome<int>> Ours_Isolated_Direct() =>
        _oursIsolated.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, isolated, async wrapper")]
    public async ValueTask<int> Ours_Isolated_Wrapped()
    {
        var outcome = await _oursIsolated.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        return outcome.IsRejected ? -1 : outcome.Value;
    }

    [Benchmark(Description = "Polly ExecuteOutcomeAsync rejected, isolated, async wrapper")]
    public async ValueTask<int> Polly_Isolated_Wrapped()
    {
        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        var outcome = await _pollyIsolated.ExecuteOutcomeAsync(static (_, value) => Outcome.FromResultAsValueTask(value), context, 42);
        ResilienceContextPool.Shared.Return(context);
        return outcome.Exception is null ? outcome.Result : -1;
    }
}
