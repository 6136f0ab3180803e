namespace KeyValue.Faults;

/// <summary>What a <see cref="FaultChange"/> reports.</summary>
public enum FaultChangeKind
{
    /// <summary>The state when an observer started watching (<see cref="FaultInjector.Observe"/>), not a change.</summary>
    Current = 0,

    /// <summary>A spec was set (<see cref="FaultInjector.SetSpec(FaultSpec, string?)"/>); the request count restarted at 1.</summary>
    SpecSet,

    /// <summary>A mode was set (<see cref="FaultInjector.SetMode(FaultMode, string?)"/>); the request count goes on.</summary>
    ModeSet,

    /// <summary>A <c>NEXT</c> or <c>FOR</c> spec ran its course by itself: from now on nothing fails, as under <c>OFF</c>.</summary>
    SpecEnded,
}
