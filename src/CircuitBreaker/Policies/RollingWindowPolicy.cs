using System.Globalization;
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

    private sealed class Evaluator(RollingWindowPolicy policy) : TimeWindowEvaluator(policy.Window, policy.BucketCount)
    {
        public override long AgesOutAt() => Window.FirstBucketWithFailuresAtMost(policy.Failures - 1) * Window.BucketTicks;

        public override PolicyFacts AgedOutFacts() => Facts(TransitionRule.FailuresAgedOut);

        public override PolicyFacts? JudgeFleet(in SharedCounts counts) => counts.Failures >= policy.Failures
            ? new PolicyFacts(TransitionRule.FailuresInWindow, counts.Failures, counts.Calls, policy.Failures, Window: policy.Window)
            : null;

        protected override PolicyFacts? Judge() => Window.Failures >= policy.Failures ? Facts(TransitionRule.FailuresInWindow) : null;

        private PolicyFacts Facts(TransitionRule rule) => new(rule, Window.Failures, Window.Calls, policy.Failures, Window: policy.Window);
    }
}
