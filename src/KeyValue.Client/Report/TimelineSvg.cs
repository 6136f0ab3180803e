using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using KeyValue.Client.Run;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Report;

/// <summary>
/// The timeline picture. Time runs left to right, in seconds from the run's start; lanes from the top: the server's
/// spec (failing, degraded, healthy; the spec on hover), the calls (one mark per call in a row per outcome; number,
/// command, reply, latency and state on hover), and one band per policy — the breaker's own, then each shadow — in the
/// state colours, each transition marked with its reason (on hover, and written on the band where it fits). Marks thin
/// out as calls get denser (0.6 of the calls' average spacing, at most 6 px: at 1,000 calls a hairline each, their
/// density showing in each outcome's row); bands are exact: each ends where the next begins.
/// </summary>
internal static class TimelineSvg
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const double Width = 1200;
    private const double LabelWidth = 220;
    private const double RightMargin = 24;
    private const double BandHeight = 18;
    private const double MarkerHeight = 6;
    private const double MarkHeight = 8;
    private const double MarkRowPitch = 10;
    private const double LaneGap = 10;
    private const double CharWidth = 6.2;
    private const int MaxLabelLength = 32;
    private const double MaxMarkWidth = 6;
    private const double MinMarkWidth = 0.01;

    /// <summary>A mark is this share of the calls' average spacing wide: evenly paced calls never overlap.</summary>
    private const double MarkShareOfSpacing = 0.6;

    public static XElement Render(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var scale = new TimelineScale(report.Client.Start, report.Client.End, LabelWidth, Width - LabelWidth - RightMargin);
        var lanes = new List<XElement>();
        var y = 8.0;
        lanes.Add(Legend(report.Server is not null, y));
        y += 24;
        if (report.Server is { } server)
        {
            lanes.Add(ServerLane(server, scale, y));
            y += BandHeight + LaneGap;
        }

        lanes.Add(CallLane(report.Client.Requests, scale, y));
        y += (2 * MarkRowPitch) + MarkHeight + LaneGap;
        foreach (var course in report.Courses)
        {
            lanes.Add(PolicyLane(course, scale, y + MarkerHeight));
            y += MarkerHeight + BandHeight + LaneGap;
        }

        lanes.Add(Axis(scale, y));
        y += 40;
        var height = TimelineScale.Format(y);
        return new XElement(
            Svg + "svg",
            new XAttribute("width", TimelineScale.Format(Width)),
            new XAttribute("height", height),
            new XAttribute("viewBox", $"0 0 {TimelineScale.Format(Width)} {height}"),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            new XAttribute("role", "img"),
            new XElement(Svg + "title", $"Timeline of the run started {report.Client.Start.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC: breaker {report.Client.Run.Policy}"),
            new XElement(Svg + "rect", new XAttribute("x", 0), new XAttribute("y", 0), new XAttribute("width", TimelineScale.Format(Width)), new XAttribute("height", height), new XAttribute("fill", "#ffffff")),
            lanes);
    }

    private static XElement Legend(bool withServer, double y)
    {
        var items = new List<(string Colour, string Label)>
        {
            (ReportColours.Closed, "closed"), (ReportColours.Open, "open"), (ReportColours.HalfOpen, "half-open"),
            (ReportColours.Ok, "ok call"), (ReportColours.Failed, "failed call"), (ReportColours.Rejected, "rejected call"),
        };
        if (withServer)
        {
            items.AddRange([(ReportColours.Healthy, "server healthy"), (ReportColours.Degraded, "degraded"), (ReportColours.Failing, "failing")]);
        }

        var legend = new XElement(Svg + "g", new XAttribute("class", "legend"));
        var x = LabelWidth;
        foreach (var (colour, label) in items)
        {
            legend.Add(
                Rect(x, y, 10, 10, colour),
                Text(x + 14, y + 9, label));
            x += 14 + (label.Length * CharWidth) + 14;
        }

        return legend;
    }

    private static XElement ServerLane(ServerTimeline server, TimelineScale scale, double y)
    {
        var lane = new XElement(Svg + "g", new XAttribute("class", "lane server-lane"), LaneLabel("server", y + 13));
        foreach (var stretch in server.Stretches)
        {
            var fill = ReportColours.Of(stretch.Condition);
            var x = scale.X(stretch.Start);
            var width = Math.Round(scale.X(stretch.End) - x, 2);
            var condition = stretch.Condition.ToString().ToLowerInvariant();
            lane.Add(new XElement(
                Svg + "rect",
                new XAttribute("class", "server"),
                new XAttribute("data-condition", condition),
                Geometry(x, y, width, BandHeight),
                new XAttribute("fill", fill),
                new XElement(Svg + "title", $"{condition}: {stretch.Spec}, mode {stretch.Mode} (set by {stretch.Source}), {scale.SecondsText(stretch.Start)} to {scale.SecondsText(stretch.End)}")));
            if (Fits(stretch.Spec, width))
            {
                lane.Add(Text(x + 3, y + 13, stretch.Spec, ReportColours.TextOn(fill), "10"));
            }
        }

        return lane;
    }

    private static XElement CallLane(IReadOnlyList<RequestTraceRecord> requests, TimelineScale scale, double y)
    {
        var lane = new XElement(
            Svg + "g",
            new XAttribute("class", "lane calls"),
            LaneLabel("ok calls", y + MarkHeight, "9"),
            LaneLabel("failed calls", y + MarkRowPitch + MarkHeight, "9"),
            LaneLabel("rejected calls", y + (2 * MarkRowPitch) + MarkHeight, "9"));
        var width = Math.Round(Math.Clamp(MarkShareOfSpacing * scale.Width / Math.Max(requests.Count, 1), MinMarkWidth, MaxMarkWidth), 2);
        foreach (var request in requests)
        {
            var row = request.Outcome switch
            {
                RequestOutcome.Ok => 0,
                RequestOutcome.Failed => 1,
                _ => 2,
            };
            lane.Add(new XElement(
                Svg + "rect",
                new XAttribute("class", "call"),
                new XAttribute("data-seq", request.Seq),
                new XAttribute("data-outcome", OutcomeName(request.Outcome)),
                Geometry(scale.X(request.Time) - (width / 2), y + (row * MarkRowPitch), width, MarkHeight),
                new XAttribute("fill", ReportColours.Of(request.Outcome)),
                new XElement(Svg + "title", Describe(request, scale))));
        }

        return lane;
    }

    private static XElement PolicyLane(PolicyCourse course, TimelineScale scale, double y)
    {
        var name = (course.IsReal ? "breaker " : "shadow ") + course.Name;
        var label = LaneLabel(name.Length > MaxLabelLength ? name[..(MaxLabelLength - 1)] + "…" : name, y + 13);
        label.Add(new XElement(Svg + "title", $"{name}: {course.Description}"));
        var lane = new XElement(
            Svg + "g",
            new XAttribute("class", "lane policy"),
            new XAttribute("data-policy", course.Name),
            new XAttribute("data-real", course.IsReal ? "true" : "false"),
            label);
        foreach (var segment in course.Segments)
        {
            var x = scale.X(segment.Start);
            var width = Math.Round(scale.X(segment.End) - x, 2);
            lane.Add(new XElement(
                Svg + "rect",
                new XAttribute("class", "state"),
                new XAttribute("data-state", segment.State.ToString()),
                Geometry(x, y, width, BandHeight),
                new XAttribute("fill", ReportColours.Of(segment.State)),
                new XElement(Svg + "title", $"{name}: {segment.State} from {scale.SecondsText(segment.Start)} to {scale.SecondsText(segment.End)}")));
        }

        for (var i = 0; i < course.Changes.Count; i++)
        {
            var change = course.Changes[i];
            var x = scale.X(change.Time);
            var room = (i + 1 < course.Changes.Count ? scale.X(course.Changes[i + 1].Time) : scale.Left + scale.Width) - x - 6;
            var marker = new XElement(
                Svg + "g",
                new XAttribute("class", "transition"),
                new XElement(Svg + "title", $"{name} at {scale.SecondsText(change.Time)}: {change.From} -> {change.To}: {change.Reason}"),
                new XElement(
                    Svg + "path",
                    new XAttribute("d", $"M {TimelineScale.Format(x - 4)} {TimelineScale.Format(y - MarkerHeight)} L {TimelineScale.Format(x + 4)} {TimelineScale.Format(y - MarkerHeight)} L {TimelineScale.Format(x)} {TimelineScale.Format(y)} Z"),
                    new XAttribute("fill", "#000000")),
                Rect(x - 0.5, y, 1, BandHeight, "#000000"));
            if (Fits(change.Reason, room))
            {
                marker.Add(Text(x + 3, y + 13, change.Reason, ReportColours.TextOn(ReportColours.Of(change.To)), "10"));
            }

            lane.Add(marker);
        }

        return lane;
    }

    private static XElement Axis(TimelineScale scale, double y)
    {
        var axis = new XElement(
            Svg + "g",
            new XAttribute("class", "axis"),
            new XElement(
                Svg + "line",
                new XAttribute("x1", TimelineScale.Format(scale.Left)),
                new XAttribute("x2", TimelineScale.Format(scale.Left + scale.Width)),
                new XAttribute("y1", TimelineScale.Format(y)),
                new XAttribute("y2", TimelineScale.Format(y)),
                new XAttribute("stroke", "#000000")),
            LaneLabel("seconds from the start", y + 16));
        foreach (var seconds in scale.TickSeconds())
        {
            var x = scale.XOfSeconds(seconds);
            axis.Add(
                new XElement(
                    Svg + "line",
                    new XAttribute("class", "tick"),
                    new XAttribute("x1", TimelineScale.Format(x)),
                    new XAttribute("x2", TimelineScale.Format(x)),
                    new XAttribute("y1", TimelineScale.Format(y)),
                    new XAttribute("y2", TimelineScale.Format(y + 5)),
                    new XAttribute("stroke", "#000000")),
                new XElement(
                    Svg + "text",
                    new XAttribute("x", TimelineScale.Format(x)),
                    new XAttribute("y", TimelineScale.Format(y + 16)),
                    new XAttribute("text-anchor", "middle"),
                    seconds.ToString("0.#", CultureInfo.InvariantCulture)));
        }

        return axis;
    }

    private static string Describe(RequestTraceRecord request, TimelineScale scale)
    {
        var command = request.Key is { } key ? $"{request.Command} {key}" : request.Command;
        var result = request.Outcome == RequestOutcome.Rejected ? "rejected, never reached the server" : request.Reply ?? request.Error ?? "no reply";
        var latency = request.LatencyMs is { } ms ? ms.ToString("0.###", CultureInfo.InvariantCulture) + " ms" : "no latency";
        return FormattableString.Invariant($"#{request.Seq} {command} -> {result}; {latency}; {request.State}; at {scale.SecondsText(request.Time)}");
    }

    /// <summary>The outcome as the trace names it (<see cref="OutcomeJsonConverter"/>: camelCase).</summary>
    private static string OutcomeName(RequestOutcome outcome) => JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString());

    private static bool Fits(string text, double room) => (text.Length * CharWidth * 10 / 11) + 6 <= room;

    private static XElement LaneLabel(string text, double baseline, string fontSize = "11") => new(
        Svg + "text",
        new XAttribute("x", TimelineScale.Format(LabelWidth - 8)),
        new XAttribute("y", TimelineScale.Format(baseline)),
        new XAttribute("text-anchor", "end"),
        new XAttribute("font-size", fontSize),
        text);

    private static XElement Text(double x, double y, string text, string fill = "#000000", string fontSize = "11") => new(
        Svg + "text",
        new XAttribute("x", TimelineScale.Format(x)),
        new XAttribute("y", TimelineScale.Format(y)),
        new XAttribute("fill", fill),
        new XAttribute("font-size", fontSize),
        text);

    private static XElement Rect(double x, double y, double width, double height, string fill) =>
        new(Svg + "rect", Geometry(x, y, width, height), new XAttribute("fill", fill));

    private static XAttribute[] Geometry(double x, double y, double width, double height) =>
    [
        new("x", TimelineScale.Format(x)),
        new("y", TimelineScale.Format(y)),
        new("width", TimelineScale.Format(width)),
        new("height", TimelineScale.Format(height)),
    ];
}
