using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace CircuitBreaker.Benchmarks;

/// <summary>Not a comparison target: splits our rejection into its parts. An open circuit has one rejection path
/// whatever the <see cref="TimeProvider"/>: while its break is more than 100 ms from its end it rejects on a permission
/// the actor's timer withdraws (one volatile read and one <see cref="Environment.TickCount64"/>, no clock read); in the
/// last 100 ms it compares the precise clock with the break's end. Both branches are measured, the second on
/// <see cref="NearBreakEnd"/>'s breaker, whose clock costs what the system clock costs. An isolated circuit rejects
/// with no time at all. The parts: the tick count, the clock reads (ours and Polly's), the rejection counter.</summary>
[Config(typeof(BenchmarkConfig))]
public class RejectionCostBreakdownBenchmarks
{
    private static readonly KeyValuePair<string, object?> NameTag = new("breaker.name", "bench");
    private static readonly KeyValuePair<string, object?> StateTag = new("state", "open");
    private static readonly Meter BreakdownMeter = new("CircuitBreaker.Benchmarks.Breakdown");

    private readonly TimeProvider _system = TimeProvider.System;
    private readonly long _origin = TimeProvider.System.GetTimestamp();
    private readonly NearBreakEnd.CreepingTime _creeping = new();
    private readonly Counter<long> _counter = BreakdownMeter.CreateCounter<long>("bench.rejections");
    private long _creepingOrigin;
    private Breaker _oursOpenFar = null!;
    private Breaker _oursOpenNear = null!;
    private Breaker _oursIsolated = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _creepingOrigin = _creeping.GetTimestamp();
        _oursOpenFar = Contestants.OursConsecutive();
        await Contestants.TripAsync(_oursOpenFar);
        _oursOpenNear = await NearBreakEnd.OpenBreakerAsync();
        _oursIsolated = Contestants.OursConsecutive();
        await _oursIsolated.IsolateAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        // The far breaker must still have been on the clock-free branch at the end of the run.
        if (!NearBreakEnd.ClockFreeRejection(_oursOpenFar))
        {
            throw new InvalidOperationException("The far-from-its-end breaker lost its clock-free permission during the run.");
        }

        await _oursOpenFar.DisposeAsync();
        await _oursOpenNear.DisposeAsync();
        await _oursIsolated.DisposeAsync();
    }

    [Benchmark(Description = "Environment.TickCount64 (bound of the clock-free rejection)")]
    public long TickCount() => Environment.TickCount64;

    [Benchmark(Description = "TimeProvider.System.GetElapsedTime (our clock read)")]
    public TimeSpan ClockRead() => _system.GetElapsedTime(_origin);

    [Benchmark(Description = "CreepingTime.GetElapsedTime (the near-end breaker's clock)")]
    public TimeSpan CreepingClockRead() => _creeping.GetElapsedTime(_creepingOrigin);

    [Benchmark(Description = "TimeProvider.System.GetUtcNow (Polly's clock read)")]
    public DateTimeOffset WallClockRead() => _system.GetUtcNow();

    [Benchmark(Description = "Counter<long>.Add, 2 tags, no listener")]
    public void CounterAdd() => _counter.Add(1, NameTag, StateTag);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, open > 100 ms from end (no clock read), no wrapper")]
    public ValueTask<BreakerOutcome<int>> Ours_OpenFar_Direct() =>
        _oursOpenFar.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, open < 100 ms from end (precise clock), no wrapper")]
    public ValueTask<BreakerOutcome<int>> Ours_OpenNear_Direct() =>
        _oursOpenNear.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, isolated, no wrapper")]
    public ValueTask<BreakerOutcome<int>> Ours_Isolated_Direct() =>
        _oursIsolated.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    [Benchmark(Description = "Ours TryExecuteAsync rejected, open > 100 ms from end, async wrapper")]
    public async ValueTask<int> Ours_OpenFar_Wrapped()
    {
        var outcome = await _oursOpenFar.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        return outcome.IsRejected ? -1 : outcome.Value;
    }

    [Benchmark(Description = "Ours TryExecuteAsync rejected, open < 100 ms from end, async wrapper")]
    public async ValueTask<int> Ours_OpenNear_Wrapped()
    {
        var outcome = await _oursOpenNear.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        return outcome.IsRejected ? -1 : outcome.Value;
    }
}
