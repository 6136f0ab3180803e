using System.Globalization;
using System.Xml.Linq;
using KeyValue.Client.Report;
using KeyValue.Client.Run;

namespace KeyValue.Client.Tests.Report;

/// <summary>The timeline of <see cref="OutageScenario"/>, rendered and parsed back.</summary>
public class TimelineSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void Render_OneMarkPerCall_InItsOutcomesColourWithNumberCommandReplyLatencyAndStateOnHover()
    {
        var svg = Render(withServer: true);

        var marks = Elements(svg, "rect", "call");
        Assert.Equal(Enumerable.Range(1, 14), marks.Select(m => int.Parse(m.Attribute("data-seq")!.Value, CultureInfo.InvariantCulture)));
        Assert.All(marks, m => Assert.Equal(
            m.Attribute("data-outcome")!.Value switch { "ok" => ReportColours.Ok, "failed" => ReportColours.Failed, _ => ReportColours.Rejected },
            m.Attribute("fill")!.Value));
        Assert.Equal(["failed", "failed", "failed", "rejected", "failed", "rejected"], marks.Skip(3).Take(6).Select(m => m.Attribute("data-outcome")!.Value));
        Assert.Equal("#4 GET k1 -> ERR UNAVAILABLE injected fault; 0.5 ms; Closed; at 4 s", marks[3].Element(Svg + "title")!.Value);
        Assert.Equal("#7 GET k1 -> rejected, never reached the server; no latency; Open; at 7 s", marks[6].Element(Svg + "title")!.Value);
    }

    [Fact]
    public void Render_EachPolicysBandsCoverTheRunWithoutGapOrOverlapInTheStateColours()
    {
        var svg = Render(withServer: true);

        var lanes = Elements(svg, "g", "lane policy");
        Assert.Equal([OutageScenario.Real, OutageScenario.Earlier, OutageScenario.Never], lanes.Select(l => l.Attribute("data-policy")!.Value));
        var axis = AxisExtent(svg);
        foreach (var lane in lanes)
        {
            var bands = Elements(lane, "rect", "state");
            Assert.Equal(axis.Left, X(bands[0]), 2);
            for (var i = 1; i < bands.Count; i++)
            {
                Assert.Equal(X(bands[i - 1]) + Width(bands[i - 1]), X(bands[i]), 2);
            }

            Assert.Equal(axis.Right, X(bands[^1]) + Width(bands[^1]), 2);
            Assert.All(bands, b => Assert.Equal(ReportColours.Of(Enum.Parse<CircuitStatus>(b.Attribute("data-state")!.Value)), b.Attribute("fill")!.Value));
        }

        Assert.Equal(["Closed", "Open", "HalfOpen", "Open", "HalfOpen", "Closed"], States(lanes[0]));
        Assert.Equal(["Closed", "Open", "HalfOpen", "Open", "HalfOpen", "Closed"], States(lanes[1]));
        Assert.Equal(["Closed"], States(lanes[2]));

        // The breaker opens at 6 s of a 15 s run: its first band ends 6/15 of the way along the axis.
        var firstBand = Elements(lanes[0], "rect", "state")[0];
        Assert.Equal(axis.Left + ((axis.Right - axis.Left) * 6 / 15), X(firstBand) + Width(firstBand), 1);
    }

    [Fact]
    public void Render_EachTransitionIsMarkedWithItsReason()
    {
        var svg = Render(withServer: true);

        var real = Elements(svg, "g", "lane policy")[0];
        var titles = Elements(real, "g", "transition").Select(t => t.Element(Svg + "title")!.Value).ToList();

        Assert.Equal(5, titles.Count);
        Assert.Equal("breaker fail-max 3 at 6 s: Closed -> Open: 3 consecutive failures", titles[0]);
        // Written on the band where it fits before the next transition: the closing's, on 5 s of green.
        Assert.Contains(real.Descendants(Svg + "text"), t => t.Value == "1 trial succeeded");
    }

    [Fact]
    public void Render_WithServerTrace_TheSpecLaneHasItsStretchesWithTheSpecOnHover()
    {
        var svg = Render(withServer: true);

        var stretches = Elements(svg, "rect", "server");
        Assert.Equal(["healthy", "failing", "healthy"], stretches.Select(s => s.Attribute("data-condition")!.Value));
        Assert.Equal([ReportColours.Healthy, ReportColours.Failing, ReportColours.Healthy], stretches.Select(s => s.Attribute("fill")!.Value));
        Assert.Equal("failing: ON, mode ERROR (set by console), 3.5 s to 8.5 s", stretches[1].Element(Svg + "title")!.Value);
        var axis = AxisExtent(svg);
        Assert.Equal(axis.Left, X(stretches[0]), 2);
        Assert.Equal(axis.Right, X(stretches[^1]) + Width(stretches[^1]), 2);
    }

    [Fact]
    public void Render_WithoutServerTrace_HasNoSpecLane()
    {
        var svg = Render(withServer: false);

        Assert.Empty(Elements(svg, "rect", "server"));
        Assert.Equal(14, Elements(svg, "rect", "call").Count);
    }

    [Fact]
    public void Render_AThousandCalls_OneThinMarkEachThatNeverOverlapsTheNext()
    {
        using var directory = new TempDirectory();
        var trace = new SyntheticClientTrace("fail-max 3", 1000);
        for (var seq = 1; seq <= 1000; seq++)
        {
            trace.Call(seq, seq * 0.1, RequestOutcome.Ok, CircuitStatus.Closed);
        }

        var svg = TimelineSvg.Render(RunReport.Build(ClientTraceFile.Read(directory.Write("c.jsonl", trace.ToJsonLines(100))), null));

        var marks = Elements(svg, "rect", "call");
        Assert.Equal(1000, marks.Count);
        Assert.All(marks, m => Assert.InRange(Width(m), 0.01, X(marks[1]) - X(marks[0])));
        Assert.Equal(["Closed"], States(Elements(svg, "g", "lane policy")[0]));
    }

    [Fact]
    public void SvgDocument_IsAStandaloneSvgFileThatParsesBack()
    {
        var text = ReportApplication.SvgDocument(Render(withServer: true));

        var document = XDocument.Parse(text);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Equal(Svg + "svg", document.Root!.Name);
        Assert.Equal(14, Elements(document.Root, "rect", "call").Count);
    }

    private static XElement Render(bool withServer)
    {
        using var directory = new TempDirectory();

        // Through text and back: what a file holds is what is tested.
        return XElement.Parse(TimelineSvg.Render(OutageScenario.Report(directory, withServer)).ToString());
    }

    private static List<XElement> Elements(XElement root, string name, string @class) =>
        [.. root.Descendants(Svg + name).Where(e => e.Attribute("class")?.Value == @class)];

    private static List<string> States(XElement lane) => [.. Elements(lane, "rect", "state").Select(b => b.Attribute("data-state")!.Value)];

    private static (double Left, double Right) AxisExtent(XElement svg)
    {
        var line = svg.Descendants(Svg + "g").Single(g => g.Attribute("class")?.Value == "axis").Element(Svg + "line")!;
        return (Number(line, "x1"), Number(line, "x2"));
    }

    private static double X(XElement element) => Number(element, "x");

    private static double Width(XElement element) => Number(element, "width");

    private static double Number(XElement element, string attribute) => double.Parse(element.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
