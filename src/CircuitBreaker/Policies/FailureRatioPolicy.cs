using System.Globalization;
using CircuitBreaker.Health;

namespace CircuitBreaker.Policies;

/// <summary>Opens when enough calls fall inside the rolling time window and their failed share reaches a ratio.</summary>
internal sealed class FailureRatioPolicy : BreakerPolicy
{
    public FailureRatioPolicy(TimeSpan window, double ratio, int minimumThroughput, int bucketCount)
    {
        CheckWindow(window, bucketCount);
        if (!(ratio > 0 && ratio <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "The failure ratio must be greater than 0 and at most 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(minimumThroughput, 1);
        Window = window;
        Ratio = ratio;
        MinimumThroughput = minimumThroughput;
        BucketCount = bucketCount;
    }

    public TimeSpan Window { get; }

    public double Ratio { get; }

    public int MinimumThroughput { get; }

    public int BucketCount { get; }

    internal override PolicyEvaluator CreateEvaluator() => new Evaluator(this);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"failure ratio {Ratio:0.###} over {DurationText.Format(Window)} (minimum {MinimumThroughput} calls)");

    private sealed class Evaluator(FailureRatioPolicy policy) : PolicyEvaluator
    {
        private readonly RollingCounter _window = RollingCounter.For(policy.Window, policy.BucketCount);

        public override long SuccessSlotTicks => _window.BucketTicks;

        public override long FailuresInWindow => _window.Failures;

        public override long CallsInWindow => _window.Calls;

        public override void Advance(long now) => _window.AdvanceTo(_window.BucketOf(now));

        public override void AddSuccesses(long at, long count) => _window.AddSuccesses(_window.BucketOf(at), count);

        public override PolicyFacts? AddFailure(long at)
        {
            _window.AddFailure(_window.BucketOf(at));
            var (failures, calls) = (_window.Failures, _window.Calls);
            if (calls < policy.MinimumThroughput || failures < policy.Ratio * calls)
            {
                return null;
            }

            return new PolicyFacts(TransitionRule.FailureRatio, failures, calls, policy.MinimumThroughput, (double)failures / calls, policy.Ratio, policy.Window);
        }

        public override void Clear() => _window.Clear();
    }
}
