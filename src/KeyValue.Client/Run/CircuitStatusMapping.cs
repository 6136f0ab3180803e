using CircuitBreaker;

namespace KeyValue.Client.Run;

internal static class CircuitStatusMapping
{
    /// <summary>The breaker's state as the client shows it; isolated (held open by hand) shows as open.</summary>
    public static CircuitStatus ToStatus(this BreakerState state) => state switch
    {
        BreakerState.Closed => CircuitStatus.Closed,
        BreakerState.HalfOpen => CircuitStatus.HalfOpen,
        _ => CircuitStatus.Open,
    };
}
