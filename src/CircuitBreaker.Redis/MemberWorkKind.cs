namespace CircuitBreaker.Redis;

/// <summary>What one item of a member's work queue asks for.</summary>
internal enum MemberWorkKind : byte
{
    Attach,
    Detach,
    Transition,
    Reset,
    Outcomes,
    TrialWanted,
    TrialEnded,
    Message,
    Tick,
}
