namespace KeyValue.Client.Trace;

/// <summary>One shadow in the summary line: <c>{"name":"fail-max 5","opens":1,"saved":3,"lost":0}</c> (see <see cref="Run.ShadowTally"/>).</summary>
/// <param name="Name">As given to <c>--shadow</c>.</param>
/// <param name="Opens">Times it would have opened.</param>
/// <param name="Saved">Calls it would have rejected that failed for real.</param>
/// <param name="Lost">Calls it would have rejected that succeeded.</param>
internal sealed record ShadowSummaryTraceRecord(string Name, int Opens, int Saved, int Lost);
