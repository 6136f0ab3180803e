namespace KeyValue.Client.Run;

/// <summary>The circuit's state as the client shows and records it.</summary>
internal enum CircuitStatus
{
    Closed,
    Open,
    HalfOpen,
}
