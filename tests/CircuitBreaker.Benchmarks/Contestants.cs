using Polly;
using Polly.CircuitBreaker;
using PollyCircuitState = Polly.CircuitBreaker.CircuitState;

namespace CircuitBreaker.Benchmarks;

/// <summary>The two breakers under test, configured alike: a 30 s window of ten 3 s buckets, trip at 50 % failures
/// from 2 calls (ratio) or at 2 consecutive failures, and a one-hour break so that a tripped breaker stays open for
/// the whole run.</summary>
internal static class Contestants
{
    public const int FailuresToTrip = 2;

    public static readonly TimeSpan LongBreak = TimeSpan.FromHours(1);

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    public static Breaker OursConsecutive() => new(new BreakerOptions
    {
        Name = "bench-consecutive",
        Policy = BreakerPolicy.ConsecutiveFailures(FailuresToTrip),
        BreakDuration = LongBreak,
        MaxBreakDuration = LongBreak,
    });

    public static Breaker OursRatio() => new(new BreakerOptions
    {
        Name = "bench-ratio",
        Policy = BreakerPolicy.FailureRatio(Window, ratio: 0.5, minimumThroughput: FailuresToTrip, bucketCount: 10),
        BreakDuration = LongBreak,
        MaxBreakDuration = LongBreak,
    });

    public static ResiliencePipeline PollyPipeline(CircuitBreakerStateProvider? stateProvider = null) =>
        new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = FailuresToTrip,
                SamplingDuration = Window,
                BreakDuration = LongBreak,
                StateProvider = stateProvider,
            })
            .Build();

    /// <summary>The same Polly breaker on a typed pipeline, which spares Polly boxing the result into an
    /// <c>Outcome&lt;object&gt;</c> (the 24 B per call of the untyped pipeline).</summary>
    public static ResiliencePipeline<int> PollyTypedPipeline() =>
        new ResiliencePipelineBuilder<int>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<int>
            {
                FailureRatio = 0.5,
                MinimumThroughput = FailuresToTrip,
                SamplingDuration = Window,
                BreakDuration = LongBreak,
            })
            .Build();

    /// <summary>Trips our breaker with failed calls, as a caller would, and checks that it is open.</summary>
    public static async Task TripAsync(Breaker breaker)
    {
        for (var i = 0; i < FailuresToTrip; i++)
        {
            await breaker.TryExecuteAsync(static _ => ValueTask.FromException<int>(new InvalidOperationException("trip")));
        }

        if (breaker.State != CircuitState.Open)
        {
            throw new InvalidOperationException($"Our breaker did not trip: {breaker.State}.");
        }
    }

    /// <summary>Trips Polly's breaker with failed calls and checks that it is open.</summary>
    public static async Task TripAsync(ResiliencePipeline pipeline, CircuitBreakerStateProvider stateProvider)
    {
        for (var i = 0; i < FailuresToTrip; i++)
        {
            var context = ResilienceContextPool.Shared.Get();
            await pipeline.ExecuteOutcomeAsync(static (_, _) => Outcome.FromExceptionAsValueTask<int>(new InvalidOperationException("trip")), context, 0);
            ResilienceContextPool.Shared.Return(context);
        }

        if (stateProvider.CircuitState != PollyCircuitState.Open)
        {
            throw new InvalidOperationException($"Polly's breaker did not trip: {stateProvider.CircuitState}.");
        }
    }
}
