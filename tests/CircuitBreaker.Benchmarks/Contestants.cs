using Polly;
using Polly.CircuitBreaker;
using PollyCircuitState = Polly.CircuitBreaker.CircuitState;

namespace CircuitBreaker.Benchmarks;

/// <summary>The two breakers under test, configured alike: a 30 s window of ten 3 s buckets, trip at 50 % failures
/// from 2 calls (ratio) or at 2 consecutive failures, and a one-hour break so that a tripped breaker stays open for
/// the whole run. Variants: ours with one shadow policy, and both sides classifying results (a result of 500 or more
/// counts as a failure; the benchmarks return 42, a success).</summary>
internal static class Contestants
{
    public const int FailuresToTrip = 2;

    /// <summary>Results at or above this count as failures in the classifying variants.</summary>
    public const int FailingResult = 500;

    public static readonly TimeSpan LongBreak = TimeSpan.FromHours(1);

    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>Our per-call classifier of results (static, so passing it allocates nothing).</summary>
    public static readonly Func<int, CallVerdict> Classify = static value => value >= FailingResult ? CallVerdict.Failure : CallVerdict.Success;

    public static BreakerPolicy ConsecutivePolicy => BreakerPolicy.ConsecutiveFailures(FailuresToTrip);

    public static BreakerPolicy RatioPolicy => BreakerPolicy.FailureRatio(Window, ratio: 0.5, minimumThroughput: FailuresToTrip, bucketCount: 10);

    public static Breaker OursConsecutive(TimeProvider? time = null) => new(Options("bench-consecutive", ConsecutivePolicy), time);

    public static Breaker OursRatio() => new(Options("bench-ratio", RatioPolicy));

    /// <summary>The consecutive breaker with one shadow policy: <paramref name="shadowName"/> =
    /// <paramref name="shadow"/>, fed every outcome, never rejecting.</summary>
    public static Breaker OursConsecutiveWithShadow(string shadowName, BreakerPolicy shadow)
    {
        var options = Options($"bench-consecutive-shadow-{shadowName}", ConsecutivePolicy);
        options.ShadowPolicies.Add(shadowName, shadow);
        return new Breaker(options);
    }

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

    /// <summary>Polly's equivalent of our per-call classifier: <c>ShouldHandle</c> on the untyped pipeline, seeing the
    /// boxed result (Polly's default — any exception but a cancellation — plus a result of 500 or more).</summary>
    public static ResiliencePipeline PollyPipelineClassifyingResults() =>
        new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = FailuresToTrip,
                SamplingDuration = Window,
                BreakDuration = LongBreak,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } exception
                    ? exception is not OperationCanceledException
                    : args.Outcome.Result is int value && value >= FailingResult),
            })
            .Build();

    /// <summary>The same on the typed pipeline, where <c>ShouldHandle</c> sees the <see cref="int"/> itself.</summary>
    public static ResiliencePipeline<int> PollyTypedPipelineClassifyingResults() =>
        new ResiliencePipelineBuilder<int>()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<int>
            {
                FailureRatio = 0.5,
                MinimumThroughput = FailuresToTrip,
                SamplingDuration = Window,
                BreakDuration = LongBreak,
                ShouldHandle = static args => new ValueTask<bool>(args.Outcome.Exception is { } exception
                    ? exception is not OperationCanceledException
                    : args.Outcome.Result >= FailingResult),
            })
            .Build();

    /// <summary>Trips our breaker with failed calls, as a caller would, and checks that it is open.</summary>
    public static async Task TripAsync(Breaker breaker)
    {
        for (var i = 0; i < FailuresToTrip; i++)
        {
            await breaker.TryExecuteAsync(static _ => ValueTask.FromException<int>(new InvalidOperationException("trip")));
        }

        if (breaker.State != BreakerState.Open)
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

    private static BreakerOptions Options(string name, BreakerPolicy policy) => new()
    {
        Name = name,
        Policy = policy,
        BreakDuration = LongBreak,
        MaxBreakDuration = LongBreak,
    };
}
