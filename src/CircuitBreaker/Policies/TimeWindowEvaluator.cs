using CircuitBreaker.Health;

namespace CircuitBreaker.Policies;

/// <summary>The counting the time-window policies share: a ring of time buckets moving with the clock, successes
/// dated to their bucket. Each policy adds its own rule for when the window's numbers open the circuit.</summary>
internal abstract class TimeWindowEvaluator(TimeSpan window, int bucketCount) : PolicyEvaluator
{
    protected RollingCounter Window { get; } = RollingCounter.For(window, bucketCount);

    public override long SuccessSlotTicks => Window.BucketTicks;

    public override long FailuresInWindow => Window.Failures;

    public override long CallsInWindow => Window.Calls;

    public override void Advance(long now) => Window.AdvanceTo(Window.BucketOf(now));

    public override void AddSuccesses(long at, long count) => Window.AddSuccesses(Window.BucketOf(at), count);

    public override void Clear() => Window.Clear();

    /// <summary>Counts the failure, then asks the policy's rule.</summary>
    public sealed override PolicyFacts? AddFailure(long at)
    {
        Window.AddFailure(Window.BucketOf(at));
        return Judge();
    }

    /// <summary>The policy's rule over the window's current numbers: the facts when it opens, else null.</summary>
    protected abstract PolicyFacts? Judge();
}
