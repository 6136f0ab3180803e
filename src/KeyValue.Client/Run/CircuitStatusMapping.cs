using CircuitBreaker;

namespace KeyValue.Client.Run;

internal static class CircuitStatusMapping
{
    /// <summary>The breaker's state as the client shows it; isolated (held open by hand) shows as open.</summary>
    public static CircuitStatus ToStatus(this CircuitState state) => state switch
    {
        CircuitState.Closed => CircuitStatus.Closed,
        CircuitState.HalfOpen => CircuitStatus.HalfOpen,
        _ => CircuitStatus.Open,
    };
}
