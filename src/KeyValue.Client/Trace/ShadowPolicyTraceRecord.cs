namespace KeyValue.Client.Trace;

/// <summary>One shadow policy of the run record: <c>{"name":"fail-max 5","description":"opens after 5 consecutive failures"}</c>.</summary>
/// <param name="Name">As given to <c>--shadow</c>; the <c>name</c> of its <c>shadow</c> lines.</param>
/// <param name="Description">The policy as a person reads it.</param>
internal sealed record ShadowPolicyTraceRecord(string Name, string Description);
