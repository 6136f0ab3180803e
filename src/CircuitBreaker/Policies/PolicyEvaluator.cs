namespace CircuitBreaker.Policies;

/// <summary>The one contract every policy's counting implements: the closed circuit's outcomes go in, a decision to
/// open comes out. One instance per circuit (a breaker's own, and one per shadow), owned by the breaker's actor, so it
/// is never touched by two threads at once. Time is in ticks since the breaker's origin.</summary>
internal abstract class PolicyEvaluator
{
    /// <summary>The width of the time buckets successes must be dated to (the window policies); 0 when the policy does
    /// not care when a success happened.</summary>
    public virtual long SuccessSlotTicks => 0;

    /// <summary>True when a success would change nothing right now (no failure in a row to reset, nothing counted by
    /// time or position), so callers need not report it at all.</summary>
    public virtual bool SuccessChangesNothing => false;

    /// <summary>Failures in a row, for snapshots.</summary>
    public virtual int ConsecutiveFailures => 0;

    /// <summary>Failures the policy's window holds, for snapshots.</summary>
    public virtual long FailuresInWindow => 0;

    /// <summary>Calls the policy's window holds, for snapshots.</summary>
    public virtual long CallsInWindow => 0;

    /// <summary>Moves time-based counts forward to <paramref name="now"/>.</summary>
    public virtual void Advance(long now)
    {
    }

    /// <summary>Counts <paramref name="count"/> successes made at <paramref name="at"/>.</summary>
    public abstract void AddSuccesses(long at, long count);

    /// <summary>Counts one failure made at <paramref name="at"/>; returns the facts when the policy says to open.</summary>
    public abstract PolicyFacts? AddFailure(long at);

    /// <summary>The policy's rule over the fleet's numbers of a shared circuit: the facts when they open it, else null.</summary>
    public virtual PolicyFacts? JudgeFleet(in SharedCounts counts) => null;

    /// <summary>Forgets every count (the circuit closed after a break, or was reset).</summary>
    public abstract void Clear();

    /// <summary>For a policy that can close by failures ageing out: the first instant at or after the latest one seen
    /// at which the window holds fewer failures than open it, if no more are added.</summary>
    public virtual long AgesOutAt() => throw new NotSupportedException("This policy does not close by failures ageing out.");

    /// <summary>The facts of closing by failures ageing out, read at the instant it happened.</summary>
    public virtual PolicyFacts AgedOutFacts() => throw new NotSupportedException("This policy does not close by failures ageing out.");
}
