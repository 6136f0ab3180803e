using BenchmarkDotNet.Attributes;
using CircuitBreaker.Redis;

namespace CircuitBreaker.Benchmarks;

/// <summary>The cost of sharing the circuit through Redis, on the call path: a closed-circuit success and a rejection,
/// each with a local breaker (the baseline) and with the same breaker sharing its circuit through a real
/// redis-server started for the run. The shared breakers' batches go to Redis in the background meanwhile.</summary>
[Config(typeof(BenchmarkConfig))]
#pragma warning disable CA1001 // BenchmarkDotNet owns the lifetime: the fields are disposed in the [GlobalCleanup].
public class SharedStateBenchmarks
#pragma warning restore CA1001
{
    private BenchRedis _redis = null!;
    private RedisSharedState _shared = null!;
    private Breaker _localConsecutive = null!;
    private Breaker _sharedConsecutive = null!;
    private Breaker _localRatio = null!;
    private Breaker _sharedRatio = null!;
    private Breaker _localOpen = null!;
    private Breaker _sharedOpen = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _redis = await BenchRedis.StartAsync();
        _shared = await RedisSharedState.ConnectAsync(_redis.Endpoint);
        _localConsecutive = Create(Options("local-consecutive", Contestants.ConsecutivePolicy, shared: false));
        _sharedConsecutive = Create(Options("shared-consecutive", Contestants.ConsecutivePolicy, shared: true));
        _localRatio = Create(Options("local-ratio", Contestants.RatioPolicy, shared: false));
        _sharedRatio = Create(Options("shared-ratio", Contestants.RatioPolicy, shared: true));
        _localOpen = Create(Options("local-open", Contestants.ConsecutivePolicy, shared: false));
        _sharedOpen = Create(Options("shared-open", Contestants.ConsecutivePolicy, shared: true));
        using var joining = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        foreach (var name in new[] { "shared-consecutive", "shared-ratio", "shared-open" })
        {
            await _shared.WhenJoinedAsync(name, joining.Token);
        }

        await Contestants.TripAsync(_localOpen);
        await Contestants.TripAsync(_sharedOpen);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        foreach (var breaker in new[] { _localConsecutive, _sharedConsecutive, _localRatio, _sharedRatio, _localOpen, _sharedOpen })
        {
            await breaker.DisposeAsync();
        }

        await _shared.DisposeAsync();
        _redis.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Closed success, local (consecutive)")]
    public ValueTask<BreakerOutcome<int>> Closed_Local_Consecutive() => Call(_localConsecutive);

    [Benchmark(Description = "Closed success, shared (consecutive)")]
    public ValueTask<BreakerOutcome<int>> Closed_Shared_Consecutive() => Call(_sharedConsecutive);

    [Benchmark(Description = "Closed success, local (ratio)")]
    public ValueTask<BreakerOutcome<int>> Closed_Local_Ratio() => Call(_localRatio);

    [Benchmark(Description = "Closed success, shared (ratio)")]
    public ValueTask<BreakerOutcome<int>> Closed_Shared_Ratio() => Call(_sharedRatio);

    [Benchmark(Description = "Rejection, local")]
    public ValueTask<BreakerOutcome<int>> Rejected_Local() => Call(_localOpen);

    [Benchmark(Description = "Rejection, shared")]
    public ValueTask<BreakerOutcome<int>> Rejected_Shared() => Call(_sharedOpen);

    private static ValueTask<BreakerOutcome<int>> Call(Breaker breaker) =>
        breaker.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);

    /// <summary>The breakers live for the whole run and are disposed by <see cref="CleanupAsync"/>, as BenchmarkDotNet
    /// asks of a benchmark class (it is not disposed itself).</summary>
    private static Breaker Create(BreakerOptions options) => new(options);

    private BreakerOptions Options(string name, BreakerPolicy policy, bool shared)
    {
        var options = new BreakerOptions { Name = name, Policy = policy, BreakDuration = Contestants.LongBreak };
        return shared ? options.UseSharedState(_shared) : options;
    }
}
