namespace KeyValue.Client.Run;

/// <summary>
/// Counts the calls and transitions of a run, the time spent in each state, and for each shadow policy what it would
/// have done (<see cref="ShadowTally"/>). Records must be added in the order the trace writes them.
/// </summary>
internal sealed class RunStatistics
{
    private readonly TimeSpan[] timeInState = new TimeSpan[3];
    private readonly Dictionary<string, ShadowTally> shadows;
    private readonly List<ShadowTally> shadowsInOrder;
    private CircuitStatus currentState;
    private DateTimeOffset currentSince;
    private int ok;
    private int failed;
    private int rejected;
    private int violations;
    private int transitions;

    /// <param name="start">When the run started.</param>
    /// <param name="initialState">The circuit's state then.</param>
    /// <param name="shadowNames">The shadow policies, in the order the summary lists them.</param>
    public RunStatistics(DateTimeOffset start, CircuitStatus initialState, IEnumerable<string>? shadowNames = null)
    {
        currentSince = start;
        currentState = initialState;
        shadowsInOrder = [.. (shadowNames ?? []).Distinct(StringComparer.Ordinal).Select(name => new ShadowTally(name))];
        shadows = shadowsInOrder.ToDictionary(tally => tally.Name, StringComparer.Ordinal);
    }

    public void Add(RequestRecord request)
    {
        switch (request.Outcome)
        {
            case RequestOutcome.Ok:
                ok++;
                break;
            case RequestOutcome.Failed:
                failed++;
                break;
            default:
                rejected++;
                break;
        }

        foreach (var shadow in shadowsInOrder)
        {
            shadow.Count(request.Outcome);
        }
    }

    public void AddViolation() => violations++;

    public void Add(TransitionRecord transition)
    {
        transitions++;
        MoveTo(transition.To, transition.Time);
    }

    /// <summary>A shadow's would-be change; one of a shadow not named at the start is counted from here on.</summary>
    public void Add(ShadowRecord shadow)
    {
        if (!shadows.TryGetValue(shadow.Name, out var tally))
        {
            tally = new ShadowTally(shadow.Name);
            shadows.Add(shadow.Name, tally);
            shadowsInOrder.Add(tally);
        }

        tally.MoveTo(shadow.To);
    }

    public RunSummary Finish(DateTimeOffset end)
    {
        MoveTo(currentState, end);
        return new RunSummary(
            ok + failed + rejected,
            ok,
            failed,
            rejected,
            violations,
            transitions,
            timeInState[(int)CircuitStatus.Closed],
            timeInState[(int)CircuitStatus.Open],
            timeInState[(int)CircuitStatus.HalfOpen],
            [.. shadowsInOrder.Select(tally => tally.ToSummary())],
            end);
    }

    private void MoveTo(CircuitStatus state, DateTimeOffset time)
    {
        // Transitions can be reported a moment out of order with the clock; never count negative time.
        if (time > currentSince)
        {
            timeInState[(int)currentState] += time - currentSince;
            currentSince = time;
        }

        currentState = state;
    }
}
