using System.Globalization;
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

    private sealed class Evaluator(FailureRatioPolicy policy) : TimeWindowEvaluator(policy.Window, policy.BucketCount)
    {
        protected override PolicyFacts? Judge() => JudgeNumbers(Window.Failures, Window.Calls);

        public override PolicyFacts? JudgeFleet(in SharedCounts counts) => JudgeNumbers(counts.Failures, counts.Calls);

        private PolicyFacts? JudgeNumbers(long failures, long calls)
        {
            if (calls < policy.MinimumThroughput || failures < policy.Ratio * calls)
            {
                return null;
            }

            return new PolicyFacts(TransitionRule.FailureRatio, failures, calls, policy.MinimumThroughput, (double)failures / calls, policy.Ratio, policy.Window);
        }
    }
}
