using KeyValue.Faults;
using KeyValue.Protocol;

namespace KeyValue.Server.Requests;

/// <summary>
/// The fault stage's answer for one data request, made once when the request is handled. It travels with the request
/// to its reply, its log lines and its trace record, so that what they say is what decided it, whatever the operator
/// changes in between.
/// </summary>
/// <param name="Effect">What happens to the request.</param>
/// <param name="Decision">The injector's decision: the request's number and the spec and mode that made it.</param>
/// <param name="ErrorReply">For <see cref="FaultEffect.Error"/> under ERROR RETRY-AFTER: the reply, formatted ahead; null otherwise.</param>
internal readonly record struct RequestFault(FaultEffect Effect, FaultDecision Decision, RetryAfterReply? ErrorReply = null)
{
    /// <summary>For <see cref="FaultEffect.Delay"/>: how long the request is held.</summary>
    public TimeSpan Delay => Decision.Delay;
}
