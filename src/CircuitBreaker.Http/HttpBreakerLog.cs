using Microsoft.Extensions.Logging;

namespace CircuitBreaker.Http;

/// <summary>The package's own log messages (the transition line is <c>BreakerTransitionLog</c>, shared with the
/// Extensions package), generated at compile time so that a disabled level costs one check.</summary>
internal static partial class HttpBreakerLog
{
    [LoggerMessage(EventId = 2, EventName = "BreakerEvicted", Level = LogLevel.Debug,
        Message = "Circuit breaker {BreakerName} evicted: least recently used of more than {MaxBreakers}")]
    public static partial void Evicted(ILogger logger, string breakerName, int maxBreakers);
}
