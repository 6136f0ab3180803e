namespace KeyValue.Client.Report;

/// <summary>The <c>--scorecard</c> file: <c>{"policies":[{"name":"fail-max 3","real":true,…},…],"serverTrace":true}</c>.</summary>
/// <param name="Policies">The breaker's own policy first, then one row per shadow.</param>
/// <param name="ServerTrace">Whether a server trace was given; without one, the fields it alone can tell are null.</param>
internal sealed record ScorecardDocument(IReadOnlyList<PolicyScore> Policies, bool ServerTrace);
