using Microsoft.Extensions.Logging;

namespace CircuitBreaker.Http;

/// <summary>The package's log messages, generated at compile time so that a disabled level costs one check.</summary>
internal static partial class HttpBreakerLog
{
    /// <summary>Logs one transition with its rule and numbers; an opening (or isolation) as a warning.</summary>
    public static void Transition(ILogger logger, string breakerName, CircuitTransition transition) =>
        TransitionCore(
            logger,
            transition.To is BreakerState.Open or BreakerState.Isolated ? LogLevel.Warning : LogLevel.Information,
            breakerName,
            transition.From,
            transition.To,
            transition.Reason,
            transition.Rule,
            transition.Failures,
            transition.Calls,
            transition.Threshold,
            transition.BreakEndsAt);

    [LoggerMessage(EventId = 2, EventName = "BreakerEvicted", Level = LogLevel.Debug,
        Message = "Circuit breaker {BreakerName} evicted: least recently used of more than {MaxBreakers}")]
    public static partial void Evicted(ILogger logger, string breakerName, int maxBreakers);

    [LoggerMessage(EventId = 1, EventName = "BreakerTransition",
        Message = "Circuit breaker {BreakerName} {From} -> {To}: {Reason} (rule {Rule}, failures {Failures}, calls {Calls}, threshold {Threshold}, break ends {BreakEndsAt})")]
    private static partial void TransitionCore(
        ILogger logger, LogLevel level, string breakerName, BreakerState from, BreakerState to, string reason, TransitionRule rule, long failures, long calls, long threshold, DateTimeOffset? breakEndsAt);
}
