namespace KeyValue.Client.Run;

/// <summary>
/// Follows one shadow policy through a run, record by record in the order the trace has them, and counts what it would
/// have done. A shadow would have rejected a call when its latest would-be change before the call's line was to Open
/// (between its OPENED line and its next HALF-OPEN or CLOSED line); a call's own outcome can open a shadow only for the
/// calls after it. Of the calls it would have rejected, <c>saved</c> are those that failed for real and <c>lost</c>
/// those that succeeded; a call the real breaker rejected counts for neither (nobody knows how it would have ended).
/// The live summary and the run report both count with this class.
/// </summary>
/// <param name="name">The shadow, as given to <c>--shadow</c>.</param>
internal sealed class ShadowTally(string name)
{
    public string Name { get; } = name;

    public int Opens { get; private set; }

    public int Saved { get; private set; }

    public int Lost { get; private set; }

    /// <summary>The shadow would be open now: the next call would be rejected.</summary>
    public bool IsOpen { get; private set; }

    /// <summary>The shadow would have changed to <paramref name="to"/>.</summary>
    public void MoveTo(CircuitStatus to)
    {
        if (to == CircuitStatus.Open && !IsOpen)
        {
            Opens++;
        }

        IsOpen = to == CircuitStatus.Open;
    }

    /// <summary>Counts a call that ended with <paramref name="outcome"/>; true when the shadow would have rejected it.</summary>
    public bool Count(RequestOutcome outcome)
    {
        if (!IsOpen)
        {
            return false;
        }

        switch (outcome)
        {
            case RequestOutcome.Failed:
                Saved++;
                break;
            case RequestOutcome.Ok:
                Lost++;
                break;
        }

        return true;
    }

    public ShadowSummary ToSummary() => new(Name, Opens, Saved, Lost);
}
