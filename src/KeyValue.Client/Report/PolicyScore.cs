namespace KeyValue.Client.Report;

/// <summary>
/// One row of the scorecard (see <see cref="Scorecard"/> for the exact definitions). A null field is one the traces
/// given cannot tell: without a server trace, everything but <see cref="Opens"/> and a shadow's saved and lost calls.
/// </summary>
/// <param name="Name">The policy in the words of <c>--shadow</c>.</param>
/// <param name="Real">The breaker's own policy (the first row); false for a shadow.</param>
/// <param name="Description">The policy as a person reads it.</param>
/// <param name="Opens">Times it opened (would have, for a shadow).</param>
/// <param name="DetectionMs">From the start of the first failing or degraded stretch to its first opening at or after it.</param>
/// <param name="DetectionCalls">Calls that reached the server in that time, from the stretch's start to the opening, both included.</param>
/// <param name="FaultedCalls">Calls of this run the server faulted that the policy let through.</param>
/// <param name="SavedCalls">Calls it rejected (would have) while the server was failing or degraded.</param>
/// <param name="LostCalls">Calls it rejected (would have) while the server was healthy.</param>
/// <param name="RecoveryMs">From the end of the last failing stretch to its next closing, if it was not closed then.</param>
internal sealed record PolicyScore(
    string Name,
    bool Real,
    string Description,
    int Opens,
    double? DetectionMs,
    int? DetectionCalls,
    int? FaultedCalls,
    int? SavedCalls,
    int? LostCalls,
    double? RecoveryMs);
