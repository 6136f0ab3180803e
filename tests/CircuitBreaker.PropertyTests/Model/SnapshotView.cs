namespace CircuitBreaker.PropertyTests.Model;

/// <summary>The comparable content of a <see cref="BreakerSnapshot"/>, with instants as ticks since the breaker was
/// created and the shadows' states as one text ("name=State, …" in shadow order), so the model's view and the
/// breaker's can be compared with record equality.</summary>
internal sealed record SnapshotView(
    BreakerState State,
    long Time,
    int ConsecutiveFailures,
    long FailuresInWindow,
    long CallsInWindow,
    long? BreakEndsAt,
    int TrialsInFlight,
    int TrialSuccesses,
    int ConsecutiveReopens,
    string ShadowStates)
{
    public static SnapshotView Of(BreakerSnapshot snapshot, DateTimeOffset origin) => new(
        snapshot.State,
        (snapshot.Time - origin).Ticks,
        snapshot.ConsecutiveFailures,
        snapshot.FailuresInWindow,
        snapshot.CallsInWindow,
        snapshot.BreakEndsAt is { } end ? (end - origin).Ticks : null,
        snapshot.TrialsInFlight,
        snapshot.TrialSuccesses,
        snapshot.ConsecutiveReopens,
        ShadowText(snapshot.ShadowStates));

    public static string ShadowText(IEnumerable<KeyValuePair<string, BreakerState>> states) =>
        string.Join(", ", states.Select(state => $"{state.Key}={state.Value}"));
}
