using KeyValue.Faults;

namespace KeyValue.Server.Requests;

/// <summary>The fault stage over the server's <see cref="FaultInjector"/>: maps each decision to the effect the request gets.</summary>
internal sealed class FaultStage : IFaultStage
{
    private readonly FaultInjector _faults;
    private readonly RetryAfterReplyCache _retryAfterReplies;

    public FaultStage(FaultInjector faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        _faults = faults;
        _retryAfterReplies = new RetryAfterReplyCache(faults);
    }

    public RequestFault Decide()
    {
        FaultDecision decision = _faults.Decide();
        if (!decision.ShouldFail)
        {
            return new RequestFault(FaultEffect.None, decision);
        }

        return decision.Mode switch
        {
            FaultModeKind.Error => new RequestFault(FaultEffect.Error, decision),
            FaultModeKind.ErrorRetryAfter => new RequestFault(FaultEffect.Error, decision, _retryAfterReplies.Get(decision.RetryAfter)),
            FaultModeKind.Delay => new RequestFault(FaultEffect.Delay, decision),
            FaultModeKind.Drop => new RequestFault(FaultEffect.Drop, decision),
            FaultModeKind.Hang => new RequestFault(FaultEffect.Hang, decision),

            // An unknown mode must not pass as no fault: that would apply a request the mode means to fail.
            _ => throw new InvalidOperationException($"Fault mode {decision.Mode} is not handled."),
        };
    }
}
