using KeyValue.Client.Run;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Report;

/// <summary>
/// One policy through the run — the breaker's own or a shadow — as the client trace tells it: its changes, the state
/// it was in at every moment, and which calls it rejected (or, for a shadow, would have rejected; see <see cref="ShadowTally"/>).
/// </summary>
internal sealed class PolicyCourse
{
    private PolicyCourse(string name, string description, bool isReal, IReadOnlyList<PolicyChange> changes, IReadOnlyList<bool> rejects, ShadowTally? tally, DateTimeOffset start, DateTimeOffset end)
    {
        Name = name;
        Description = description;
        IsReal = isReal;
        Changes = changes;
        Rejects = rejects;
        Tally = tally;
        Segments = ToSegments(changes, start, end);
    }

    /// <summary>The policy in the words of <c>--shadow</c>.</summary>
    public string Name { get; }

    /// <summary>As a person reads it.</summary>
    public string Description { get; }

    /// <summary>The breaker's own policy (not a shadow).</summary>
    public bool IsReal { get; }

    public IReadOnlyList<PolicyChange> Changes { get; }

    /// <summary>The state from the run's start to its end, without gap or overlap (zero-length stays left out).</summary>
    public IReadOnlyList<StateSegment> Segments { get; }

    /// <summary>Per call of <see cref="ClientTrace.Requests"/>, by index: rejected (or would have been).</summary>
    public IReadOnlyList<bool> Rejects { get; }

    /// <summary>For a shadow: what the live summary counted.</summary>
    public ShadowTally? Tally { get; }

    /// <summary>Times it opened.</summary>
    public IEnumerable<DateTimeOffset> Openings => Changes.Where(change => change.To == CircuitStatus.Open).Select(change => change.Time);

    /// <summary>Times it closed.</summary>
    public IEnumerable<DateTimeOffset> Closings => Changes.Where(change => change.To == CircuitStatus.Closed).Select(change => change.Time);

    /// <summary>The breaker's own policy first, then each shadow in the order the run line names them.</summary>
    public static IReadOnlyList<PolicyCourse> FromTrace(ClientTrace trace)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var real = new PolicyCourse(
            trace.Run.Policy,
            trace.Run.Description,
            isReal: true,
            [.. trace.Transitions.Select(t => new PolicyChange(t.Time, t.From, t.To, t.Reason))],
            [.. trace.Requests.Select(request => request.Outcome == RequestOutcome.Rejected)],
            tally: null,
            trace.Start,
            trace.End);
        return [real, .. trace.Run.Shadows.Select(shadow => Shadow(trace, shadow))];
    }

    /// <summary>The state just before <paramref name="time"/>: a change at that very moment is not yet counted.</summary>
    public CircuitStatus StateBefore(DateTimeOffset time) =>
        (Segments.LastOrDefault(segment => segment.Start < time) ?? Segments[0]).State;

    private static PolicyCourse Shadow(ClientTrace trace, ShadowPolicyTraceRecord shadow)
    {
        // One walk in the trace's order: a shadow line changes what the following calls see (ShadowTally's rule).
        var tally = new ShadowTally(shadow.Name);
        var changes = new List<PolicyChange>();
        var rejects = new List<bool>();
        foreach (var record in trace.Records)
        {
            switch (record)
            {
                case ShadowTraceRecord change when change.Name == shadow.Name:
                    tally.MoveTo(change.To);
                    changes.Add(new PolicyChange(change.Time, change.From, change.To, change.Reason));
                    break;
                case RequestTraceRecord request:
                    rejects.Add(tally.Count(request.Outcome));
                    break;
            }
        }

        return new PolicyCourse(shadow.Name, shadow.Description, isReal: false, changes, rejects, tally, trace.Start, trace.End);
    }

    private static List<StateSegment> ToSegments(IReadOnlyList<PolicyChange> changes, DateTimeOffset start, DateTimeOffset end)
    {
        var segments = new List<StateSegment>();
        var state = CircuitStatus.Closed;
        var since = start;
        foreach (var change in changes)
        {
            // A change stamped a moment before the previous one (reported out of order) takes effect at the previous one.
            var at = change.Time < since ? since : change.Time > end ? end : change.Time;
            if (at > since)
            {
                segments.Add(new StateSegment(since, at, state));
                since = at;
            }

            state = change.To;
        }

        if (end > since || segments.Count == 0)
        {
            segments.Add(new StateSegment(since, end > since ? end : since, state));
        }

        return segments;
    }
}
