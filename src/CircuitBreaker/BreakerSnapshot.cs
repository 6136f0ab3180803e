using CircuitBreaker.Actor;
using CircuitBreaker.Controller;

namespace CircuitBreaker;

/// <summary>A consistent picture of a breaker's state and counts, taken by its actor.</summary>
public sealed class BreakerSnapshot
{
    internal BreakerSnapshot(
        BreakerState state,
        DateTimeOffset time,
        int consecutiveFailures,
        long failuresInWindow,
        long callsInWindow,
        DateTimeOffset? breakEndsAt,
        int trialsInFlight,
        int trialSuccesses,
        int consecutiveReopens,
        IReadOnlyList<KeyValuePair<string, BreakerState>> shadowStates)
    {
        State = state;
        Time = time;
        ConsecutiveFailures = consecutiveFailures;
        FailuresInWindow = failuresInWindow;
        CallsInWindow = callsInWindow;
        BreakEndsAt = breakEndsAt;
        TrialsInFlight = trialsInFlight;
        TrialSuccesses = trialSuccesses;
        ConsecutiveReopens = consecutiveReopens;
        ShadowStates = shadowStates;
    }

    /// <summary>The circuit's state.</summary>
    public BreakerState State { get; }

    /// <summary>When the snapshot was taken.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>Failures in a row while closed (consecutive-failures policy; 0 otherwise).</summary>
    public int ConsecutiveFailures { get; }

    /// <summary>Failures inside the policy's window: in time (window policies) or among the last calls; 0 otherwise.</summary>
    public long FailuresInWindow { get; }

    /// <summary>Calls with a counted outcome (successes and failures) inside the policy's window; 0 for consecutive failures.</summary>
    public long CallsInWindow { get; }

    /// <summary>When open: the instant the break ends (half-open, or closing as failures age out). Otherwise <see langword="null"/>.</summary>
    public DateTimeOffset? BreakEndsAt { get; }

    /// <summary>When half-open: trial calls admitted and not yet reported.</summary>
    public int TrialsInFlight { get; }

    /// <summary>When half-open: successful trials so far.</summary>
    public int TrialSuccesses { get; }

    /// <summary>Re-opens in a row (failed trials since the circuit last closed); drives the break's growth.</summary>
    public int ConsecutiveReopens { get; }

    /// <summary>Each shadow policy's would-be state, in shadow order.</summary>
    public IReadOnlyList<KeyValuePair<string, BreakerState>> ShadowStates { get; }

    /// <summary>The snapshot of <paramref name="circuits"/>; taken by the actor.</summary>
    internal static BreakerSnapshot Of(CircuitSet circuits, BreakerClock clock)
    {
        var own = circuits.Own;
        return new BreakerSnapshot(
            own.State,
            clock.ToUtc(own.Now),
            own.Policy.ConsecutiveFailures,
            own.Policy.FailuresInWindow,
            own.Policy.CallsInWindow,
            own.State == BreakerState.Open ? clock.ToUtc(own.BreakEndsAt) : null,
            own.TrialsInFlight,
            own.TrialSuccesses,
            own.ConsecutiveReopens,
            [.. circuits.ShadowStates]);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{State}: consecutive failures {ConsecutiveFailures}, window {FailuresInWindow}/{CallsInWindow}, trials {TrialsInFlight} (ok {TrialSuccesses}), re-opens {ConsecutiveReopens}, break ends {BreakEndsAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
