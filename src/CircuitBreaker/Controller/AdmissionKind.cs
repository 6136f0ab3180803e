namespace CircuitBreaker.Controller;

/// <summary>What the breaker decided for one call.</summary>
internal enum AdmissionKind : byte
{
    Rejected = 0,
    Closed = 1,
    Trial = 2,
}
