using CircuitBreaker.Actor;
using CircuitBreaker.Policies;

namespace CircuitBreaker;

/// <summary>A breaker's side of a shared circuit, handed to <see cref="ISharedCircuitStore.Join"/>: what the breaker is
/// configured with, and where the fleet's facts enter it. Every method only posts a message to the breaker's actor,
/// which applies it in its loop like any other; none blocks, and after the breaker is disposed they do nothing.</summary>
public sealed class SharedCircuitLink
{
    private readonly BreakerActor _actor;

    internal SharedCircuitLink(BreakerOptions options, TimeProvider timeProvider, BreakerActor actor)
    {
        _actor = actor;
        Name = options.Name;
        TimeProvider = timeProvider;
        HalfOpenMaxCalls = options.HalfOpenMaxCalls;
        TrialDeadline = options.TrialDeadline;
        (Window, BucketCount, LastCalls, CountsFailuresInARow) = options.Policy switch
        {
            RollingWindowPolicy rolling => (rolling.Window, rolling.BucketCount, (int?)null, false),
            FailureRatioPolicy ratio => (ratio.Window, ratio.BucketCount, null, false),
            LastCallsPolicy last => (null, 0, last.Calls, false),
            _ => ((TimeSpan?)null, 0, (int?)null, true),
        };
    }

    /// <summary>The breaker's name: breakers of one name share one circuit.</summary>
    public string Name { get; }

    /// <summary>The breaker's source of time: instants exchanged with the fleet (break ends, buckets) are read from it.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The policy's time window, for the window policies; otherwise <see langword="null"/>.</summary>
    public TimeSpan? Window { get; }

    /// <summary>Buckets of <see cref="Window"/>; 0 without a time window.</summary>
    public int BucketCount { get; }

    /// <summary>For <see cref="BreakerPolicy.LastCalls"/>: how many of the fleet's latest calls are judged.</summary>
    public int? LastCalls { get; }

    /// <summary>True for <see cref="BreakerPolicy.ConsecutiveFailures(int)"/>: the fleet counts failures in a row.</summary>
    public bool CountsFailuresInARow { get; }

    /// <summary>The trials half-open admits at once, fleet-wide.</summary>
    public int HalfOpenMaxCalls { get; }

    /// <summary>How long a trial may run; a trial slot's lease lasts as long.</summary>
    public TimeSpan TrialDeadline { get; }

    /// <summary>The fleet's state changed (or is first read): adopted unless its generation is not newer than the
    /// breaker's.</summary>
    /// <param name="state">The fleet's state.</param>
    public void Adopt(SharedCircuitState state) => _actor.PostShared(SharedFact.Adopting(state, rejoin: false));

    /// <summary>The store is reachable again (or for the first time): the breaker leaves local mode and adopts
    /// <paramref name="state"/> whatever its generation (the store may have restarted). When the store held nothing
    /// (<paramref name="storeEmpty"/>) and the breaker is not closed, it offers its own state again through
    /// <see cref="ISharedCircuitMember.OnTransition"/>.</summary>
    /// <param name="state">The fleet's state as read from the store.</param>
    /// <param name="storeEmpty">True when the store held no state for the circuit.</param>
    /// <returns>A task that completes once the breaker has taken the state on: <see cref="Breaker.State"/> reads it and
    /// <see cref="Breaker.StateChanged"/> has been raised for it. It never faults.</returns>
    public Task Rejoin(SharedCircuitState state, bool storeEmpty)
    {
        var applied = new ActorReply<bool>();
        _actor.PostShared(SharedFact.Adopting(state, rejoin: true, storeEmpty), applied);
        return applied.Task;
    }

    /// <summary>The store cannot be reached: the breaker goes on as a local breaker (its own counts, its own
    /// <see cref="BreakerOptions.HalfOpenMaxCalls"/> trials) until <see cref="Rejoin"/>.</summary>
    public void Detach() => _actor.PostShared(SharedFact.Detaching());

    /// <summary>The fleet's numbers for the current window, judged by the breaker's policy while it is closed.</summary>
    /// <param name="counts">The numbers.</param>
    public void ApplyCounts(SharedCounts counts) => _actor.PostShared(SharedFact.Counting(counts));

    /// <summary>Grants the half-open period of <paramref name="localGeneration"/> trial slots leased from the fleet.</summary>
    /// <param name="localGeneration">The period's generation, from <see cref="ISharedCircuitMember.OnTransition"/>.</param>
    /// <param name="count">Slots granted.</param>
    public void GrantTrials(long localGeneration, int count) => _actor.PostShared(SharedFact.Granting(localGeneration, count));

    /// <summary>Asks the breaker for the outcomes counted since the last batch; they come back through
    /// <see cref="ISharedCircuitMember.OnOutcomes"/>. The store calls this at its batching interval.</summary>
    public void RequestOutcomes() => _actor.PostShared(SharedFact.Flushing);
}
