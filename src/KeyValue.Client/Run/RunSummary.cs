namespace KeyValue.Client.Run;

/// <summary>The run's totals. <see cref="Requests"/> = ok + failed + rejected: every call the client made.</summary>
/// <param name="Requests">Every call.</param>
/// <param name="Ok">Calls answered without a failure.</param>
/// <param name="Failed">Calls that failed.</param>
/// <param name="Rejected">Calls the open circuit rejected.</param>
/// <param name="Violations">Read-your-writes violations.</param>
/// <param name="Transitions">Changes of the circuit's state.</param>
/// <param name="TimeClosed">Time closed.</param>
/// <param name="TimeOpen">Time open.</param>
/// <param name="TimeHalfOpen">Time half-open.</param>
/// <param name="Shadows">One line per shadow policy, in the order given.</param>
/// <param name="End">When the run ended.</param>
internal sealed record RunSummary(
    int Requests,
    int Ok,
    int Failed,
    int Rejected,
    int Violations,
    int Transitions,
    TimeSpan TimeClosed,
    TimeSpan TimeOpen,
    TimeSpan TimeHalfOpen,
    IReadOnlyList<ShadowSummary> Shadows,
    DateTimeOffset End);
