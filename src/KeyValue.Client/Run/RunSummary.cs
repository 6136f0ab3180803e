namespace KeyValue.Client.Run;

/// <summary>The run's totals. <see cref="Requests"/> = ok + failed + rejected: every call the client made.</summary>
internal sealed record RunSummary(
    int Requests,
    int Ok,
    int Failed,
    int Rejected,
    int Violations,
    int Transitions,
    TimeSpan TimeClosed,
    TimeSpan TimeOpen,
    TimeSpan TimeHalfOpen);
