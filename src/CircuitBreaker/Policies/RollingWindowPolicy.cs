using System.Globalization;
using CircuitBreaker.Health;

namespace CircuitBreaker.Policies;

/// <summary>Opens when the failures inside the rolling time window reach a count; without a break duration it closes
/// again by itself once they fall below it.</summary>
internal sealed class RollingWindowPolicy : BreakerPolicy
{
    public RollingWindowPolicy(TimeSpan window, int failures, int bucketCount)
    {
        CheckWindow(window, bucketCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        Window = window;
        Failures = failures;
        BucketCount = bucketCount;
    }

    public TimeSpan Window { get; }

    public int Failures { get; }

    public int BucketCount { get; }

    internal override bool RecoversByAgeing => true;

    internal override PolicyEvaluator CreateEvaluator() => new Evaluator(this);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Failures} failures in {DurationText.Format(Window)}");

    private sealed class Evaluator(RollingWindowPolicy policy) : PolicyEvaluator
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
            return _window.Failures >= policy.Failures ? Facts(TransitionRule.FailuresInWindow) : null;
        }

        public override void Clear() => _window.Clear();

        public override long AgesOutAt() => _window.FirstBucketWithFailuresAtMost(policy.Failures - 1) * _window.BucketTicks;

        public override PolicyFacts AgedOutFacts() => Facts(TransitionRule.FailuresAgedOut);

        private PolicyFacts Facts(TransitionRule rule) => new(rule, _window.Failures, _window.Calls, policy.Failures, Window: policy.Window);
    }
}
