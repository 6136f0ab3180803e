namespace CircuitBreaker.Actor;

/// <summary>A fact from a shared circuit's store, carried to the actor by a <see cref="MessageKind.Shared"/> message.</summary>
internal sealed class SharedFact
{
    public static readonly SharedFact Flushing = new(SharedFactKind.Flush);

    private SharedFact(SharedFactKind kind) => Kind = kind;

    public SharedFactKind Kind { get; }

    public SharedCircuitState State { get; private init; }

    public bool StoreEmpty { get; private init; }

    public SharedCounts Counts { get; private init; }

    public long LocalGeneration { get; private init; }

    public int Count { get; private init; }

    public static SharedFact Adopting(SharedCircuitState state, bool rejoin, bool storeEmpty = false) =>
        new(rejoin ? SharedFactKind.Rejoin : SharedFactKind.Adopt) { State = state, StoreEmpty = storeEmpty };

    public static SharedFact Detaching() => new(SharedFactKind.Detach);

    public static SharedFact Counting(SharedCounts counts) => new(SharedFactKind.Counts) { Counts = counts };

    public static SharedFact Granting(long localGeneration, int count) => new(SharedFactKind.Grant) { LocalGeneration = localGeneration, Count = count };
}
