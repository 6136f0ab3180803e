using System.Text.Encodings.Web;
using System.Text.Json;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>
/// Writes the run as JSON Lines, through <see cref="ClientTraceJsonContext"/>: first one <c>run</c> line, then one
/// <c>request</c> line per call, one <c>transition</c> line per state change and one <c>shadow</c> line per would-be
/// change of a shadow policy as they happen, and last one <c>summary</c> line. Each line is flushed as it is written so
/// the file can be followed live and survives an interrupted run.
/// </summary>
internal sealed class TraceWriter : IAsyncDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly Stream stream;
    private readonly Utf8JsonWriter json;

    public TraceWriter(Stream stream)
    {
        this.stream = stream;
        json = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            // The relaxed encoder keeps '+', quotes in values and non-ASCII readable; the file is not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
    }

    public static TraceWriter Create(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 4096, useAsync: true));

    public Task WriteAsync(RunStart run, CancellationToken cancellationToken) => WriteLineAsync(
        new RunTraceRecord(
            run.Time,
            run.Policy.Name,
            run.Policy.Text,
            run.ResetTimeout is { } reset ? Milliseconds(reset) : null,
            run.HalfOpenMaxCalls,
            [.. run.Shadows.Select(shadow => new ShadowPolicyTraceRecord(shadow.Name, shadow.Text))]),
        cancellationToken);

    public Task WriteAsync(RequestRecord request, CancellationToken cancellationToken) => WriteLineAsync(
        new RequestTraceRecord(
            request.Sequence,
            request.Time,
            request.Command,
            request.Key,
            request.Outcome,
            request.Reply,
            request.Error,
            request.State,
            request.Latency is { } latency ? Milliseconds(latency) : null),
        cancellationToken);

    public Task WriteAsync(TransitionRecord transition, CancellationToken cancellationToken) => WriteLineAsync(
        new TransitionTraceRecord(
            transition.Time,
            transition.From,
            transition.To,
            transition.Reason,
            transition.BreakDuration is { } breakMs ? Milliseconds(breakMs) : null,
            transition.BreakDuration is { } duration ? transition.Time + duration : null,
            transition.BreakDuration is null ? null : transition.ClosesByItself,
            transition.RetryAfter is { } retryAfter ? Milliseconds(retryAfter) : null),
        cancellationToken);

    public Task WriteAsync(ShadowRecord shadow, CancellationToken cancellationToken) => WriteLineAsync(
        new ShadowTraceRecord(shadow.Name, shadow.Sequence, shadow.Time, shadow.From, shadow.To, shadow.Reason),
        cancellationToken);

    public Task WriteAsync(RunSummary summary, CancellationToken cancellationToken) => WriteLineAsync(
        new SummaryTraceRecord(
            summary.End,
            summary.Requests,
            summary.Ok,
            summary.Failed,
            summary.Rejected,
            summary.Violations,
            summary.Transitions,
            Milliseconds(summary.TimeClosed),
            Milliseconds(summary.TimeOpen),
            Milliseconds(summary.TimeHalfOpen),
            [.. summary.Shadows.Select(shadow => new ShadowSummaryTraceRecord(shadow.Name, shadow.Opens, shadow.Saved, shadow.Lost))]),
        cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync();
        await stream.DisposeAsync();
    }

    /// <summary>A duration as the trace writes it: milliseconds, to the microsecond.</summary>
    internal static double Milliseconds(TimeSpan duration) => Math.Round(duration.TotalMilliseconds, 3);

    private async Task WriteLineAsync(ClientTraceRecord record, CancellationToken cancellationToken)
    {
        JsonSerializer.Serialize(json, record, ClientTraceJsonContext.Default.ClientTraceRecord);
        await json.FlushAsync(cancellationToken);
        json.Reset();
        await stream.WriteAsync(NewLine, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
