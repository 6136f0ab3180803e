using System.Text.Json;
using KeyValue.Client.Run;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Tests.Report;

/// <summary>A client trace written by hand, record by record in the order the client would write them; times in seconds from <see cref="Start"/>.</summary>
internal sealed class SyntheticClientTrace(string policy, double? resetTimeoutMs, params string[] shadows)
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<ClientTraceRecord> records = [];

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    public SyntheticClientTrace Call(int seq, double at, RequestOutcome outcome, CircuitStatus state)
    {
        var (reply, error) = outcome switch
        {
            RequestOutcome.Ok => ("VALUE v1", (string?)null),
            RequestOutcome.Failed => ("ERR UNAVAILABLE injected fault", "ERR UNAVAILABLE injected fault"),
            _ => ((string?)null, "circuit open: the call never reached the server"),
        };
        records.Add(new RequestTraceRecord(seq, At(at), "GET", "k1", outcome, reply, error, state, outcome == RequestOutcome.Rejected ? null : 0.5));
        return this;
    }

    public SyntheticClientTrace Transition(double at, CircuitStatus from, CircuitStatus to, string reason)
    {
        records.Add(new TransitionTraceRecord(At(at), from, to, reason));
        return this;
    }

    public SyntheticClientTrace Shadow(string name, int? seq, double at, CircuitStatus from, CircuitStatus to, string reason)
    {
        records.Add(new ShadowTraceRecord(name, seq, At(at), from, to, reason));
        return this;
    }

    /// <summary>The trace as the client writes it: the run line, the records, and a summary line at <paramref name="end"/> (none when null).</summary>
    public string ToJsonLines(double? end)
    {
        var run = new RunTraceRecord(Start, policy, $"policy {policy}", resetTimeoutMs, 1, [.. shadows.Select(name => new ShadowPolicyTraceRecord(name, $"policy {name}"))]);
        var requests = records.OfType<RequestTraceRecord>().ToList();
        var lines = new List<ClientTraceRecord> { run };
        lines.AddRange(records);
        if (end is { } seconds)
        {
            lines.Add(new SummaryTraceRecord(
                At(seconds),
                requests.Count,
                requests.Count(r => r.Outcome == RequestOutcome.Ok),
                requests.Count(r => r.Outcome == RequestOutcome.Failed),
                requests.Count(r => r.Outcome == RequestOutcome.Rejected),
                0,
                records.OfType<TransitionTraceRecord>().Count(),
                0,
                0,
                0,
                [.. shadows.Select(name => new ShadowSummaryTraceRecord(name, 0, 0, 0))]));
        }

        return string.Concat(lines.Select(line => JsonSerializer.Serialize(line, ClientTraceJsonContext.Default.ClientTraceRecord) + "\n"));
    }
}
