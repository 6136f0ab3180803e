using System.Text.Encodings.Web;
using System.Text.Json;
using KeyValue.Client.Run;

namespace KeyValue.Client.Trace;

/// <summary>
/// Writes the run as JSON Lines: one <c>request</c> object per call, one <c>transition</c> object per state
/// change, one <c>shadow</c> object per would-be change of a shadow policy, and last one <c>summary</c> object. Each line is flushed as it is written so the file can be
/// followed live and survives an interrupted run.
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

    public static string StateName(CircuitStatus state) => state switch
    {
        CircuitStatus.Closed => "Closed",
        CircuitStatus.Open => "Open",
        _ => "HalfOpen",
    };

    public static string OutcomeName(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.Failed => "failed",
        _ => "rejected",
    };

    public Task WriteAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("type", "request");
        json.WriteNumber("seq", request.Sequence);
        json.WriteString("time", request.Time.UtcDateTime);
        json.WriteString("command", request.Command);
        WriteNullableString("key", request.Key);
        json.WriteString("outcome", OutcomeName(request.Outcome));
        WriteNullableString("reply", request.Reply);
        WriteNullableString("error", request.Error);
        json.WriteString("state", StateName(request.State));
        if (request.Latency is { } latency)
        {
            json.WriteNumber("latencyMs", Math.Round(latency.TotalMilliseconds, 3));
        }
        else
        {
            json.WriteNull("latencyMs");
        }

        json.WriteEndObject();
        return EndLineAsync(cancellationToken);
    }

    public Task WriteAsync(TransitionRecord transition, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("type", "transition");
        json.WriteString("time", transition.Time.UtcDateTime);
        json.WriteString("from", StateName(transition.From));
        json.WriteString("to", StateName(transition.To));
        json.WriteString("reason", transition.Reason);
        if (transition.BreakDuration is { } breakDuration)
        {
            json.WriteNumber("breakMs", Math.Round(breakDuration.TotalMilliseconds, 3));
            json.WriteString("breakEndsAt", (transition.Time + breakDuration).UtcDateTime);
            json.WriteBoolean("closesByItself", transition.ClosesByItself);
        }

        if (transition.RetryAfter is { } retryAfter)
        {
            json.WriteNumber("retryAfterMs", Math.Round(retryAfter.TotalMilliseconds, 3));
        }

        json.WriteEndObject();
        return EndLineAsync(cancellationToken);
    }

    public Task WriteAsync(ShadowRecord shadow, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("type", "shadow");
        json.WriteString("name", shadow.Name);
        if (shadow.Sequence is { } sequence)
        {
            json.WriteNumber("seq", sequence);
        }
        else
        {
            json.WriteNull("seq");
        }

        json.WriteString("time", shadow.Time.UtcDateTime);
        json.WriteString("from", StateName(shadow.From));
        json.WriteString("to", StateName(shadow.To));
        json.WriteString("reason", shadow.Reason);
        json.WriteEndObject();
        return EndLineAsync(cancellationToken);
    }

    public Task WriteAsync(RunSummary summary, CancellationToken cancellationToken)
    {
        json.WriteStartObject();
        json.WriteString("type", "summary");
        json.WriteNumber("requests", summary.Requests);
        json.WriteNumber("ok", summary.Ok);
        json.WriteNumber("failed", summary.Failed);
        json.WriteNumber("rejected", summary.Rejected);
        json.WriteNumber("violations", summary.Violations);
        json.WriteEndObject();
        return EndLineAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await json.DisposeAsync();
        await stream.DisposeAsync();
    }

    private void WriteNullableString(string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private async Task EndLineAsync(CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken);
        json.Reset();
        await stream.WriteAsync(NewLine, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
