using Microsoft.Extensions.Logging;

namespace CircuitBreaker.Logging;

/// <summary>
/// The transition log line of the packages that log (ActorBreaker.Extensions, ActorBreaker.Http): one source, compiled
/// into each (see their project files), so that both write the same event with the same fields. Generated at compile
/// time so that a disabled level costs one check.
/// </summary>
internal static partial class BreakerTransitionLog
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
