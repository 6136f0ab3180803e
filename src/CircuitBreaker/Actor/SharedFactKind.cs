namespace CircuitBreaker.Actor;

/// <summary>What a <see cref="SharedFact"/> tells the actor.</summary>
internal enum SharedFactKind : byte
{
    Adopt,
    Rejoin,
    Detach,
    Counts,
    Grant,
    Flush,
}
