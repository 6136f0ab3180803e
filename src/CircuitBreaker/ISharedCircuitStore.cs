namespace CircuitBreaker;

/// <summary>Where breakers of one name in many processes share one circuit (<see cref="BreakerOptions.SharedState"/>).
/// The breaker joins it once, when it is created, and from then on tells its member what happens locally; the member
/// carries that to the other processes and brings their facts back through the <see cref="SharedCircuitLink"/>. The
/// store is never on a call's path: admission, rejection and a closed call's outcome touch only local state.</summary>
public interface ISharedCircuitStore
{
    /// <summary>Joins one breaker. Called once by the breaker's constructor; must not block.</summary>
    /// <param name="link">The breaker's side: what it is configured with, and where the fleet's facts go in.</param>
    /// <returns>The breaker's member, told of local transitions and outcomes until the breaker is disposed.</returns>
    ISharedCircuitMember Join(SharedCircuitLink link);
}
