namespace KeyValue.Demo.Traces;

/// <summary>A fault spec the server put in force, and who set it: <c>command-line</c>, <c>console</c> or <c>expired</c>.</summary>
internal sealed record ServerSpec(string Spec, string Mode, string Source);
