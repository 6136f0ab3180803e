using KeyValue.Faults;
using KeyValue.Server.Requests;

namespace KeyValue.Server.Tests.Support;

/// <summary>A fault stage that gives the effects it was told to, in order (then none), numbering requests 1, 2, 3, …; counts its calls.</summary>
internal sealed class ScriptedFaultStage : IFaultStage
{
    private readonly Queue<FaultMode?> _script;

    /// <param name="script">One entry per data request: the mode it fails with, or null for none.</param>
    public ScriptedFaultStage(params FaultMode?[] script)
    {
        _script = new Queue<FaultMode?>(script);
    }

    public int Decisions { get; private set; }

    public RequestFault Decide()
    {
        Decisions++;
        FaultMode? mode = _script.Count > 0 ? _script.Dequeue() : null;
        FaultSpec spec = mode is null ? FaultSpec.Off : FaultSpec.On;
        var decision = new FaultDecision(mode is not null, Decisions, mode?.Kind ?? FaultModeKind.Error, mode?.Delay ?? TimeSpan.Zero, mode?.RetryAfter ?? TimeSpan.Zero)
        {
            SpecInForce = spec,
            ModeInForce = mode ?? FaultMode.Error,
            Total = Decisions,
        };
        FaultEffect effect = mode?.Kind switch
        {
            null => FaultEffect.None,
            FaultModeKind.Error or FaultModeKind.ErrorRetryAfter => FaultEffect.Error,
            FaultModeKind.Delay => FaultEffect.Delay,
            FaultModeKind.Drop => FaultEffect.Drop,
            _ => FaultEffect.Hang,
        };
        return new RequestFault(effect, decision);
    }
}
