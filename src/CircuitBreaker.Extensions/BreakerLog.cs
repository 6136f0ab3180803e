using Microsoft.Extensions.Logging;

namespace CircuitBreaker.Extensions;

/// <summary>The package's log messages, generated at compile time so that a disabled level costs one check.</summary>
internal static partial class BreakerLog
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

    [LoggerMessage(EventId = 1, EventName = "BreakerTransition",
        Message = "Circuit breaker {BreakerName} {From} -> {To}: {Reason} (rule {Rule}, failures {Failures}, calls {Calls}, threshold {Threshold}, break ends {BreakEndsAt})")]
    private static partial void TransitionCore(
        ILogger logger, LogLevel level, string breakerName, BreakerState from, BreakerState to, string reason, TransitionRule rule, long failures, long calls, long threshold, DateTimeOffset? breakEndsAt);
}
