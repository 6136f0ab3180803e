namespace CircuitBreaker.Actor;

/// <summary>What a message to the breaker's actor asks for.</summary>
internal enum MessageKind : byte
{
    Admit,
    Outcome,
    FlushTally,
    Tick,
    Isolate,
    Reset,
    Snapshot,
    Shared,
}
