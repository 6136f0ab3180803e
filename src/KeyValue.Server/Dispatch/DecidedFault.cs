using KeyValue.Faults;

namespace KeyValue.Server.Dispatch;

/// <summary>
/// The fault decision of a data request, kept while its DELAY runs: the parsed request then executes with this decision,
/// and its trace record keeps the spec, mode and time that decided it.
/// </summary>
/// <param name="Decision">The injector's decision.</param>
/// <param name="UtcTicks">When the request was handled, for its trace record (0 without <c>--trace</c>).</param>
internal readonly record struct DecidedFault(FaultDecision Decision, long UtcTicks);
