namespace KeyValue.Client.Run;

/// <summary>Counts the calls and transitions of a run and the time spent in each state.</summary>
internal sealed class RunStatistics
{
    private readonly TimeSpan[] timeInState = new TimeSpan[3];
    private CircuitStatus currentState;
    private DateTimeOffset currentSince;
    private int ok;
    private int failed;
    private int rejected;
    private int violations;
    private int transitions;

    public RunStatistics(DateTimeOffset start, CircuitStatus initialState)
    {
        currentSince = start;
        currentState = initialState;
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
    }

    public void AddViolation() => violations++;

    public void Add(TransitionRecord transition)
    {
        transitions++;
        MoveTo(transition.To, transition.Time);
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
            timeInState[(int)CircuitStatus.HalfOpen]);
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
