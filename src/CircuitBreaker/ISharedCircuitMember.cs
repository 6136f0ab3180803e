namespace CircuitBreaker;

/// <summary>One breaker's membership of a shared circuit (see <see cref="ISharedCircuitStore"/>). Every method is
/// called on the breaker's actor loop, one at a time: it must only hand the fact over (a queue write) and return —
/// never block, never wait on I/O, never throw.</summary>
public interface ISharedCircuitMember : IAsyncDisposable
{
    /// <summary>The breaker's own circuit changed state (a shadow's transitions are not shared).</summary>
    /// <param name="transition">The transition. <see cref="TransitionRule.Shared"/> when the breaker only adopted the
    /// fleet's state, which needs no publishing.</param>
    /// <param name="fleetGeneration">The fleet generation the breaker had adopted when the transition happened: the
    /// state the transition replaces, for a compare-and-set.</param>
    /// <param name="localGeneration">The circuit's own generation after the transition; trial slots granted for a
    /// half-open period name it (<see cref="SharedCircuitLink.GrantTrials"/>).</param>
    void OnTransition(CircuitTransition transition, long fleetGeneration, long localGeneration);

    /// <summary>An operator reset the circuit while it was closed here: no local transition, but the fleet's circuit
    /// may be open, and a reset always spreads.</summary>
    /// <param name="fleetGeneration">The fleet generation the breaker had adopted.</param>
    void OnReset(long fleetGeneration);

    /// <summary>The outcomes of closed calls counted since the previous batch, in answer to
    /// <see cref="SharedCircuitLink.RequestOutcomes"/>; called only when there is at least one.</summary>
    /// <param name="outcomes">The batch.</param>
    void OnOutcomes(SharedOutcomes outcomes);

    /// <summary>A call arrived in half-open and found no trial slot leased from the fleet: the breaker wants one. Slots
    /// are leased only on demand, so that an instance without calls never holds the fleet's trials.</summary>
    /// <param name="localGeneration">The half-open period's generation.</param>
    void OnTrialWanted(long localGeneration);

    /// <summary>A half-open trial reported without changing the state: its slot is free again and may be released.</summary>
    /// <param name="localGeneration">The half-open period's generation.</param>
    void OnTrialEnded(long localGeneration);
}
