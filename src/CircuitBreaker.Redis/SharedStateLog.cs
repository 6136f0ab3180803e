using Microsoft.Extensions.Logging;

namespace CircuitBreaker.Redis;

/// <summary>The package's log messages.</summary>
internal static partial class SharedStateLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Redis is unreachable ({Reason}): breakers go on as local breakers until it is back")]
    public static partial void Detached(ILogger logger, string reason, Exception? exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Redis is reachable: breakers share their circuits again")]
    public static partial void Attached(ILogger logger);
}
