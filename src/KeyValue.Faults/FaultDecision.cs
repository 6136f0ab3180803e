namespace KeyValue.Faults;

/// <summary>The injector's answer for one data request.</summary>
/// <param name="ShouldFail">Whether this request fails.</param>
/// <param name="RequestNumber">The request's number under the current spec, from 1.</param>
/// <param name="Mode">How it fails (the mode at the time of the decision); meaningful only when <paramref name="ShouldFail"/>.</param>
/// <param name="Delay">For <see cref="FaultModeKind.Delay"/>: how long to wait before the normal reply.</param>
/// <param name="RetryAfter">For <see cref="FaultModeKind.ErrorRetryAfter"/>: the retry-after the error reply carries.</param>
public readonly record struct FaultDecision(bool ShouldFail, long RequestNumber, FaultModeKind Mode, TimeSpan Delay, TimeSpan RetryAfter = default)
{
    /// <summary>
    /// The spec that decided this request: the one in force, or <see cref="FaultSpec.Off"/> when it was a <c>NEXT</c> or
    /// <c>FOR</c> spec that had already run its course. Null only in a default instance.
    /// </summary>
    public FaultSpec? SpecInForce { get; init; }

    /// <summary>The whole mode at the time of the decision (<see cref="Mode"/> is its kind). Null only in a default instance.</summary>
    public FaultMode? ModeInForce { get; init; }

    /// <summary>Data requests numbered since the injector was created, this one included (the <c>STATUS</c> counter).</summary>
    public long Total { get; init; }
}
