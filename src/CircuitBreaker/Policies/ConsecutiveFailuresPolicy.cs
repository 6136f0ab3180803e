using System.Globalization;

namespace CircuitBreaker.Policies;

/// <summary>Opens at the n-th failure in a row; a success resets the count.</summary>
internal sealed class ConsecutiveFailuresPolicy : BreakerPolicy
{
    public ConsecutiveFailuresPolicy(int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        Failures = failures;
    }

    public int Failures { get; }

    internal override PolicyEvaluator CreateEvaluator() => new Evaluator(Failures);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Failures} consecutive failures");

    private sealed class Evaluator(int threshold) : PolicyEvaluator
    {
        private int _inARow;

        public override bool SuccessChangesNothing => _inARow == 0;

        public override int ConsecutiveFailures => _inARow;

        public override void AddSuccesses(long at, long count)
        {
            if (count > 0)
            {
                _inARow = 0;
            }
        }

        public override PolicyFacts? AddFailure(long at)
        {
            _inARow++;
            return _inARow >= threshold ? new PolicyFacts(TransitionRule.ConsecutiveFailures, _inARow, _inARow, threshold) : null;
        }

        public override PolicyFacts? JudgeFleet(in SharedCounts counts) => counts.ConsecutiveFailures >= threshold
            ? new PolicyFacts(TransitionRule.ConsecutiveFailures, counts.ConsecutiveFailures, counts.ConsecutiveFailures, threshold)
            : null;

        public override void Clear() => _inARow = 0;
    }
}
