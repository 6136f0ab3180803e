using System.Globalization;
using KeyValue.Client.Run;
using KeyValue.Client.Workload;

namespace KeyValue.Client.Output;

/// <summary>
/// What a person watches: one line per call as it happens (number, request, reply or error, state), each
/// transition on its own line with its explanation, read violations, and the summary table at the end.
/// The number, request and state are in the state's colour (green closed, red open, yellow half-open);
/// replies are plain white.
/// </summary>
/// <param name="output">Where the lines go.</param>
/// <param name="palette">Colours, or none.</param>
internal sealed class LiveReporter(TextWriter output, Palette palette)
{
    /// <summary>Longest request text shown; longer ones (typed by hand) are cut with an ellipsis.</summary>
    private const int MaxRequestTextLength = 28;

    /// <summary>The latest opening closes by itself as failures age out (no trial), so rejections say so.</summary>
    private bool closesByItself;

    public void Started(string description) => output.WriteLine(palette.Bold(description));

    public void Request(RequestRecord request)
    {
        var text = request.Text.Length > MaxRequestTextLength ? request.Text[..(MaxRequestTextLength - 1)] + "…" : request.Text;
        var head = string.Create(CultureInfo.InvariantCulture, $"#{request.Sequence,-4} {text,-MaxRequestTextLength}");
        var result = request.Outcome switch
        {
            RequestOutcome.Ok => palette.White(request.Reply ?? string.Empty),
            RequestOutcome.Failed => palette.White("FAILED " + (request.Error ?? "unknown error")),
            _ => palette.White("REJECTED never reached the server; " + NextTrial(request.RetryAfter)),
        };
        var latency = request.Latency is { } elapsed ? $" ({DurationText.Milliseconds(elapsed)})" : string.Empty;
        output.WriteLine($"{InStateColour(request.State, head)} {result}{latency}  {InStateColour(request.State, $"[{StateName(request.State)}]")}");
    }

    public void Transition(TransitionRecord transition)
    {
        var verb = transition.To switch
        {
            CircuitStatus.Open => "circuit OPENED",
            CircuitStatus.HalfOpen => "circuit HALF-OPEN",
            _ => "circuit CLOSED",
        };
        if (transition.To == CircuitStatus.Open)
        {
            closesByItself = transition.ClosesByItself;
        }

        var trial = transition.To != CircuitStatus.Open ? string.Empty
            : transition.ClosesByItself ? "; it closes by itself as the failures age out of the window"
            : transition.BreakDuration is { } wait ? $"; trial in {DurationText.Seconds(wait)}"
            : string.Empty;
        output.WriteLine(InStateColour(transition.To, palette.Bold($"---- {verb}: {transition.Reason}{trial}")));
    }

    /// <summary>A shadow policy's would-be transition, e.g. <c>shadow 'fail-max 5' would have OPENED at #12 (5 consecutive failures)</c>.</summary>
    public void Shadow(ShadowRecord shadow)
    {
        var verb = shadow.To switch
        {
            CircuitStatus.Open => "OPENED",
            CircuitStatus.HalfOpen => "gone HALF-OPEN",
            _ => "CLOSED",
        };
        var at = shadow.Sequence is { } sequence ? string.Create(CultureInfo.InvariantCulture, $" at #{sequence}") : string.Empty;
        output.WriteLine(palette.Bold($"     shadow '{shadow.Name}' would have {verb}{at} ({shadow.Reason})"));
    }

    public void Violation(ReadViolation violation) => output.WriteLine(palette.Red(palette.Bold("!!!! " + violation.Describe())));

    /// <summary>
    /// The summary table; with shadow policies, a second table with one row per shadow and the columns opens, saved
    /// (calls it would have rejected that failed for real) and lost (calls it would have rejected that succeeded).
    /// </summary>
    public void Summary(RunSummary summary)
    {
        WriteTable("Summary", null, [
            ["requests", Count(summary.Requests)],
            ["ok", Count(summary.Ok)],
            ["failed", Count(summary.Failed)],
            ["rejected", Count(summary.Rejected)],
            ["read violations", Count(summary.Violations)],
            ["transitions", Count(summary.Transitions)],
            ["time closed", DurationText.Seconds(summary.TimeClosed)],
            ["time open", DurationText.Seconds(summary.TimeOpen)],
            ["time half-open", DurationText.Seconds(summary.TimeHalfOpen)],
        ]);
        if (summary.Shadows.Count > 0)
        {
            WriteTable(
                "Shadows (saved: would have rejected, failed for real; lost: would have rejected, succeeded)",
                ["shadow", "opens", "saved", "lost"],
                [.. summary.Shadows.Select(shadow => new[] { shadow.Name, Count(shadow.Opens), Count(shadow.Saved), Count(shadow.Lost) })]);
        }
    }

    public static string StateName(CircuitStatus state) => state switch
    {
        CircuitStatus.Closed => "Closed",
        CircuitStatus.Open => "Open",
        _ => "HalfOpen",
    };

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A boxed table: the first column left-aligned (names), the others right-aligned (numbers).</summary>
    private void WriteTable(string title, string[]? header, IReadOnlyList<string[]> rows)
    {
        var all = header is null ? rows : [header, .. rows];
        var widths = Enumerable.Range(0, all[0].Length).Select(column => all.Max(row => row[column].Length)).ToArray();
        var rule = "+" + string.Join("+", widths.Select(width => new string('-', width + 2))) + "+";
        string Row(string[] cells) =>
            "| " + string.Join(" | ", cells.Select((cell, column) => column == 0 ? cell.PadRight(widths[column]) : cell.PadLeft(widths[column]))) + " |";

        output.WriteLine(palette.Bold(title));
        output.WriteLine(rule);
        if (header is not null)
        {
            output.WriteLine(Row(header));
            output.WriteLine(rule);
        }

        foreach (var row in rows)
        {
            output.WriteLine(Row(row));
        }

        output.WriteLine(rule);
    }

    private string NextTrial(TimeSpan? retryAfter) => retryAfter switch
    {
        { } wait when closesByItself => $"closes in {DurationText.Seconds(wait)} as failures age out",
        { } wait => $"next trial in {DurationText.Seconds(wait)}",
        _ => "the circuit is open",
    };

    private string InStateColour(CircuitStatus state, string text) => state switch
    {
        CircuitStatus.Closed => palette.Green(text),
        CircuitStatus.Open => palette.Red(text),
        _ => palette.Yellow(text),
    };
}
