using System.Globalization;
using CircuitBreaker.Health;

namespace CircuitBreaker.Policies;

/// <summary>Opens when n of the last m calls failed: a window counted in calls, not time.</summary>
internal sealed class LastCallsPolicy : BreakerPolicy
{
    public LastCallsPolicy(int calls, int failures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(calls, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(calls, BreakerDefaults.MaxLastCalls);
        ArgumentOutOfRangeException.ThrowIfLessThan(failures, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(failures, calls);
        Calls = calls;
        Failures = failures;
    }

    public int Calls { get; }

    public int Failures { get; }

    internal override PolicyEvaluator CreateEvaluator() => new Evaluator(this);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Failures} failures in the last {Calls} calls");

    private sealed class Evaluator(LastCallsPolicy policy) : PolicyEvaluator
    {
        private readonly CallRing _ring = new(policy.Calls);

        public override long FailuresInWindow => _ring.Failures;

        public override long CallsInWindow => _ring.Count;

        public override void AddSuccesses(long at, long count) => _ring.AddSuccesses(count);

        public override PolicyFacts? AddFailure(long at)
        {
            _ring.AddFailure();
            return _ring.Failures >= policy.Failures
                ? new PolicyFacts(TransitionRule.FailuresInLastCalls, _ring.Failures, _ring.Count, policy.Failures)
                : null;
        }

        /// <summary>The fleet's latest calls come in batches, so they may cover more than the policy's calls: the
        /// failures are then scaled down to the policy's number of calls.</summary>
        public override PolicyFacts? JudgeFleet(in SharedCounts counts)
        {
            var failures = counts.Calls > policy.Calls ? counts.Failures * policy.Calls / counts.Calls : counts.Failures;
            return failures >= policy.Failures
                ? new PolicyFacts(TransitionRule.FailuresInLastCalls, failures, Math.Min(counts.Calls, policy.Calls), policy.Failures)
                : null;
        }

        public override void Clear() => _ring.Clear();
    }
}
