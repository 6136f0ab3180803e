namespace KeyValue.Client.Run;

/// <summary>One shadow policy's line of the summary (see <see cref="ShadowTally"/> for what counts).</summary>
/// <param name="Name">As given to <c>--shadow</c>.</param>
/// <param name="Opens">Times it would have opened.</param>
/// <param name="Saved">Calls it would have rejected that failed for real.</param>
/// <param name="Lost">Calls it would have rejected that succeeded for real.</param>
internal sealed record ShadowSummary(string Name, int Opens, int Saved, int Lost);
