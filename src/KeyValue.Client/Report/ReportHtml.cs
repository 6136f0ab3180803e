using System.Globalization;
using System.Xml.Linq;
using KeyValue.Client.Output;

namespace KeyValue.Client.Report;

/// <summary>
/// The report as one self-contained HTML page: the facts of the run, the timeline (inline SVG), the scorecard with its
/// definitions, and every transition. No script, no font, no link: it opens offline in any browser.
/// </summary>
internal static class ReportHtml
{
    private const string Style =
        "body{font-family:sans-serif;margin:16px;color:#212121}"
        + "table{border-collapse:collapse;margin:8px 0}"
        + "th,td{border:1px solid #bdbdbd;padding:3px 8px;text-align:left}"
        + "td.n{text-align:right;font-variant-numeric:tabular-nums}"
        + ".note{background:#fff8e1;border-left:4px solid #f9a825;padding:6px 10px}"
        + "dt{font-weight:bold}figure{margin:8px 0}";

    public static string Render(RunReport report, XElement svg)
    {
        ArgumentNullException.ThrowIfNull(report);
        var client = report.Client;
        var html = new XElement(
            "html",
            new XAttribute("lang", "en"),
            new XElement(
                "head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", $"Run report: {client.Run.Policy}"),
                new XElement("style", Style)),
            new XElement(
                "body",
                new XElement("h1", "Run report"),
                Facts(report),
                report.Server is null
                    ? new XElement("p", new XAttribute("class", "note"), "No server trace was given (--server): the server's lane and every number that needs the server's truth — detection, faulted calls, the real policy's saved and lost calls, recovery — are left out. A shadow's saved and lost calls are counted from the client trace alone: calls it would have rejected that failed for real (saved) or succeeded (lost).")
                    : null,
                new XElement("figure", svg),
                new XElement("h2", "Scorecard"),
                ScorecardTable(report.Scores),
                Definitions(),
                new XElement("h2", "Transitions"),
                TransitionTable(report)));
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting) + "\n";
    }

    private static XElement Facts(RunReport report)
    {
        var run = report.Client.Run;
        var summary = report.Client.Summary;
        var rows = new List<(string Name, string Value)>
        {
            ("started", run.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture) + " UTC"),
            ("length", Seconds(report.Client.End - report.Client.Start)),
            ("breaker", $"{run.Policy}: {run.Description}; " + (run.ResetTimeoutMs is { } reset ? $"trial after {Seconds(TimeSpan.FromMilliseconds(reset))}" : "closes by itself as failures age out")),
        };
        rows.AddRange(run.Shadows.Select(shadow => ("shadow", $"{shadow.Name}: {shadow.Description}")));
        rows.Add(("calls", summary is null
            ? Invariant($"{report.Client.Requests.Count} (the trace has no summary line: the run was cut off)")
            : Invariant($"{summary.Requests}: {summary.Ok} ok, {summary.Failed} failed, {summary.Rejected} rejected; {summary.Violations} read violations")));
        rows.Add(("client trace", report.Client.Path));
        rows.Add(("server trace", report.ServerTrace is { } server
            ? server.Path + (server.Dropped > 0 ? Invariant($" ({server.Dropped} request lines dropped by the server)") : string.Empty)
            : "none"));
        return new XElement("table", new XAttribute("class", "facts"), rows.Select(row => new XElement("tr", new XElement("th", row.Name), new XElement("td", row.Value))));
    }

    private static XElement ScorecardTable(IReadOnlyList<PolicyScore> scores)
    {
        string[] header = ["policy", "opens", "detectionMs", "detectionCalls", "faultedCalls", "savedCalls", "lostCalls", "recoveryMs"];
        return new XElement(
            "table",
            new XAttribute("class", "scorecard"),
            new XElement("tr", header.Select(name => new XElement("th", name))),
            scores.Select(score => new XElement(
                "tr",
                new XElement("td", (score.Real ? "breaker " : "shadow ") + score.Name, new XElement("br"), new XElement("small", score.Description)),
                Number(score.Opens),
                Number(score.DetectionMs),
                Number(score.DetectionCalls),
                Number(score.FaultedCalls),
                Number(score.SavedCalls),
                Number(score.LostCalls),
                Number(score.RecoveryMs))));
    }

    private static XElement Definitions() => new(
        "dl",
        Definition("failing, degraded, healthy", "From the server trace: failing under ON or a NEXT or FOR that has not run its course; degraded under EVERY, PATTERN or CHANCE with p > 0; healthy under OFF. Before its first spec line the server's condition is unknown."),
        Definition("opens", "Times the policy opened (for a shadow, would have)."),
        Definition("detectionMs, detectionCalls", "From the start of the first failing or degraded stretch (the run's start if it was already so) to the policy's first opening at or after it: milliseconds, and calls that reached the server from that start to that opening."),
        Definition("faultedCalls", "Calls of this run the server faulted that the policy let through. A shadow sees only the calls the real breaker let through."),
        Definition("savedCalls, lostCalls", "Calls the policy rejected (a shadow: would have, being open when the call came) while the server was failing or degraded (saved) or healthy (lost)."),
        Definition("recoveryMs", "From the end of the last failing stretch to the policy's next closing; empty when it was closed then or never closed again."),
        Definition("—", "The traces given cannot tell."));

    private static XElement TransitionTable(RunReport report)
    {
        var start = report.Client.Start;
        var changes = report.Courses
            .SelectMany(course => course.Changes.Select(change => (Course: course, Change: change)))
            .OrderBy(item => item.Change.Time)
            .ToList();
        return new XElement(
            "table",
            new XAttribute("class", "transitions"),
            new XElement("tr", new XElement("th", "at"), new XElement("th", "policy"), new XElement("th", "change"), new XElement("th", "reason")),
            changes.Count == 0
                ? new XElement("tr", new XElement("td", new XAttribute("colspan", "4"), "none: every policy stayed closed"))
                : changes.Select(item => new XElement(
                    "tr",
                    new XElement("td", new XAttribute("class", "n"), Seconds(item.Change.Time - start)),
                    new XElement("td", (item.Course.IsReal ? "breaker " : "shadow ") + item.Course.Name),
                    new XElement("td", $"{item.Change.From} -> {item.Change.To}"),
                    new XElement("td", item.Change.Reason))));
    }

    private static XElement Definition(string term, string text) => new("div", new XElement("dt", term), new XElement("dd", text));

    private static XElement Number(double? value) =>
        new("td", new XAttribute("class", "n"), value is { } number ? number.ToString("0.###", CultureInfo.InvariantCulture) : "—");

    private static string Seconds(TimeSpan duration) => DurationText.Seconds(duration);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
