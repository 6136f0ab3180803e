namespace CircuitBreaker.PropertyTests.Model;

/// <summary>What the model made of one report: how the call counted (after the slow-call rule; null for a permit's
/// repeated report, which counts for nothing) and the transition the outcome itself caused, if any.
/// <paramref name="Stale"/>: the call was admitted before the latest transition or reset, so its outcome counted for
/// nothing here (a shadow counts it all the same).</summary>
internal sealed record ModelReport(CallVerdict? Counted, ModelTransition? Caused, bool Stale = false);
