namespace CircuitBreaker;

/// <summary>The fleet's state of a shared circuit at one generation, as the store holds it. Half-open is not a state of
/// its own: an open state whose break has ended is half-open (or closed, see <see cref="BreakEndsIn"/>) in every
/// instance at the same instant.</summary>
/// <param name="Generation">Incremented on every shared transition; a fact of an older generation than the breaker's
/// changes nothing, so late messages are harmless.</param>
/// <param name="State"><see cref="BreakerState.Closed"/>, <see cref="BreakerState.Open"/> or <see cref="BreakerState.Isolated"/>.</param>
/// <param name="BreakEndsAt">When open: the instant the break ends, the same for every instance.</param>
/// <param name="BreakEndsIn">When open: <see cref="BreakerState.HalfOpen"/>, or <see cref="BreakerState.Closed"/> for a
/// rolling window that closes as its failures age out.</param>
/// <param name="ClearsCounts">True when the change clears the counts (a reset, a close).</param>
public readonly record struct SharedCircuitState(long Generation, BreakerState State, DateTimeOffset? BreakEndsAt, BreakerState BreakEndsIn, bool ClearsCounts);
