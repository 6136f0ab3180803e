using System.Text.Json;

namespace KeyValue.Demo.Traces;

/// <summary>What the client's <c>--trace</c> says happened: its calls, the circuit's transitions, the shadows' would-be ones and the summary.</summary>
internal sealed record ClientTrace(
    IReadOnlyList<ClientCall> Calls,
    IReadOnlyList<StateChange> Transitions,
    IReadOnlyList<StateChange> ShadowTransitions,
    long? Violations)
{
    /// <summary>The transitions as <c>Closed-&gt;Open Open-&gt;HalfOpen …</c>, in order; empty for none.</summary>
    public string TransitionPath => StateChange.Path(Transitions);

    /// <summary>Calls that reached the server (answered or failed, not rejected).</summary>
    public int ReachedServer => Calls.Count(call => call.Outcome != ClientCall.Rejected);

    /// <exception cref="InvalidDataException">The file is missing or not JSON Lines.</exception>
    public static ClientTrace Read(string path)
    {
        var records = JsonLines.Read(path);
        var calls = records.Where(r => r.Type() == "request")
            .Select(r => new ClientCall((int)(r.Number("seq") ?? 0), r.Text("outcome") ?? string.Empty, r.Text("state") ?? string.Empty))
            .ToList();
        var transitions = records.Where(r => r.Type() == "transition").Select(r => StateChange.Read(r, shadow: null)).ToList();
        var shadows = records.Where(r => r.Type() == "shadow").Select(r => StateChange.Read(r, r.Text("name"))).ToList();
        var summary = records.LastOrDefault(r => r.Type() == "summary");
        return new ClientTrace(calls, transitions, shadows, summary.ValueKind == JsonValueKind.Undefined ? null : summary.Number("violations"));
    }

    public int Count(string outcome) => Calls.Count(call => call.Outcome == outcome);

    /// <summary>The numbers of the calls with this outcome, as <c>3 8</c>.</summary>
    public string Numbers(string outcome, int upTo = int.MaxValue) =>
        string.Join(' ', Calls.Where(call => call.Outcome == outcome && call.Sequence <= upTo).Select(call => call.Sequence));

    /// <summary>A shadow's would-be transitions, as <see cref="TransitionPath"/> has the circuit's.</summary>
    public string ShadowPath(string name) => StateChange.Path(ShadowTransitions.Where(change => change.Shadow == name));

    /// <summary>
    /// How many times the circuit opened right after <paramref name="failures"/> calls in a row had failed (reading the
    /// calls that reached the server in order), against how many times it opened from closed at all.
    /// </summary>
    public (int AfterFailuresInARow, int Openings) OpeningsAfterFailuresInARow(int failures)
    {
        var openings = Transitions.Count(t => t.From == "Closed" && t.To == "Open");
        var inARow = 0;
        var after = 0;
        foreach (var call in Calls)
        {
            if (call.Outcome == ClientCall.Rejected)
            {
                inARow = 0;
                continue;
            }

            inARow = call.Outcome == ClientCall.Failed ? inARow + 1 : 0;
            if (inARow == failures && call.State == "Closed")
            {
                after++;
            }
        }

        return (after, openings);
    }
}
