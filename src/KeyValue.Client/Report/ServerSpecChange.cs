using KeyValue.Faults;

namespace KeyValue.Client.Report;

/// <summary>A spec line of the server trace, its spec parsed.</summary>
/// <param name="Time">When the spec took effect.</param>
/// <param name="Spec">The spec.</param>
/// <param name="Mode">The fault mode's text.</param>
/// <param name="Source"><c>command-line</c>, <c>console</c> or <c>expired</c>.</param>
internal sealed record ServerSpecChange(DateTimeOffset Time, FaultSpec Spec, string Mode, string Source);
