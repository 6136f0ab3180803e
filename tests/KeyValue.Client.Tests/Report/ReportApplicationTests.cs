using KeyValue.Client.Output;

namespace KeyValue.Client.Tests.Report;

/// <summary><c>report</c> through the client's command line: what it writes, and what it refuses.</summary>
public class ReportApplicationTests
{
    [Fact]
    public async Task Report_WithEveryOutput_WritesTheHtmlTheSvgAndTheScorecard()
    {
        using var directory = new TempDirectory();
        var client = directory.Write("run.jsonl", OutageScenario.Client().ToJsonLines(OutageScenario.End));
        var server = directory.Write("server.jsonl", OutageScenario.Server().ToJsonLines());

        var (exitCode, output, error) = await ReportAsync(
            "--client", client, "--server", server, "--out", directory.File("report.html"), "--svg", directory.File("timeline.svg"), "--scorecard", directory.File("scorecard.json"));

        Assert.Equal((0, string.Empty), (exitCode, error));
        Assert.Contains($"wrote {directory.File("report.html")}", output, StringComparison.Ordinal);
        Assert.Equal(["report.html", "run.jsonl", "scorecard.json", "server.jsonl", "timeline.svg"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Report_Html_IsSelfContained_NoScriptNoLinkNoNetworkWithTheSvgInline()
    {
        using var directory = new TempDirectory();
        var client = directory.Write("run.jsonl", OutageScenario.Client().ToJsonLines(OutageScenario.End));
        var server = directory.Write("server.jsonl", OutageScenario.Server().ToJsonLines());

        await ReportAsync("--client", client, "--server", server, "--out", directory.File("report.html"));

        var html = await File.ReadAllTextAsync(directory.File("report.html"));
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Matches("<svg [^>]*xmlns=\"http://www.w3.org/2000/svg\"", html);
        foreach (var external in new[] { "<script", "<link", "src=", "href=", "url(", "@import", "@font-face" })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }

        // The only URL is the SVG namespace, which is a name, not a fetch.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "https?://"));
        Assert.Contains("<th>detectionMs</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("No server trace", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_WithoutServerTrace_SaysWhatIsLeftOut()
    {
        using var directory = new TempDirectory();
        var client = directory.Write("run.jsonl", OutageScenario.Client().ToJsonLines(OutageScenario.End));

        var (exitCode, _, _) = await ReportAsync("--client", client, "--out", directory.File("report.html"));

        Assert.Equal(0, exitCode);
        var html = await File.ReadAllTextAsync(directory.File("report.html"));
        Assert.Contains("No server trace was given (--server)", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all", "3: not JSON: ")]
    [InlineData("""{"type":"request","seq":3,"time":"2026-01-01T00:00:03Z","comm""", "3: the line ends before its JSON does (truncated?)")]
    [InlineData("""{"type":"bogus","time":"2026-01-01T00:00:03Z"}""", "3: unknown record type \"bogus\"")]
    [InlineData("""{"type":"request","seq":3,"time":"2026-01-01T00:00:03Z","key":"k1","outcome":"ok","reply":"OK","error":null,"state":"Closed","latencyMs":1}""", "3: missing field 'command'")]
    [InlineData("""{"type":"request","seq":3,"time":"2026-01-01T00:00:03Z","command":"GET","key":"k1","outcome":"maybe","reply":"OK","error":null,"state":"Closed","latencyMs":1}""", "3: \"outcome\": \"maybe\" is not a valid value here")]
    [InlineData("""{"type":"request","seq":"three","time":"2026-01-01T00:00:03Z","command":"GET","key":"k1","outcome":"ok","reply":"OK","error":null,"state":"Closed","latencyMs":1}""", "3: \"seq\": \"three\" is not a valid value here")]
    [InlineData("""{"type":"request","seq":3,"time":"2026-01-01T00:00:03Z","command":null,"key":"k1","outcome":"ok","reply":"OK","error":null,"state":"Closed","latencyMs":1}""", "3: \"command\" may not be null")]
    [InlineData("[1, 2]", "3: not a trace record: a JSON array, not an object")]
    [InlineData("""{"seq":3}""", "3: the record has no \"type\"")]
    [InlineData("""{"type":"shadow","name":"no such shadow","seq":1,"time":"2026-01-01T00:00:03Z","from":"Closed","to":"Open","reason":"x"}""", "3: shadow 'no such shadow' is not one of the run's shadows")]
    public async Task Report_BadClientTraceLine_ErrorNamesTheFileAndLineExitTwoNoFileWritten(string badLine, string expected)
    {
        using var directory = new TempDirectory();
        var lines = OutageScenario.Client().ToJsonLines(OutageScenario.End).Split('\n');
        var client = directory.Write("run.jsonl", string.Join('\n', lines.Take(2).Append(badLine).Concat(lines.Skip(2))));

        var (exitCode, output, error) = await ReportAsync("--client", client, "--out", directory.File("report.html"), "--svg", directory.File("timeline.svg"));

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error: {client}:3: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
        Assert.Equal(["run.jsonl"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Report_TruncatedLastLine_IsAnErrorNamingThatLine()
    {
        using var directory = new TempDirectory();
        var text = OutageScenario.Client().ToJsonLines(end: null);
        var count = text.Count(c => c == '\n');
        var client = directory.Write("run.jsonl", text[..^25]);

        var (exitCode, _, error) = await ReportAsync("--client", client, "--out", directory.File("report.html"));

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error: {client}:{count}: the line ends before its JSON does (truncated?)", error, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("report.html")));
    }

    [Fact]
    public async Task Report_TraceNotStartingWithARunLine_IsAnErrorAtLineOne()
    {
        using var directory = new TempDirectory();
        var lines = OutageScenario.Client().ToJsonLines(OutageScenario.End).Split('\n');
        var client = directory.Write("run.jsonl", string.Join('\n', lines.Skip(1)));

        var (exitCode, _, error) = await ReportAsync("--client", client, "--out", directory.File("report.html"));

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: {client}:1: the trace must start with a \"run\" line, not a \"request\" line\n", error);
    }

    [Fact]
    public async Task Report_ALineAfterTheSummary_IsAnErrorNamingIt()
    {
        using var directory = new TempDirectory();
        var text = OutageScenario.Client().ToJsonLines(OutageScenario.End);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var client = directory.Write("run.jsonl", text + lines[1] + "\n");

        var (exitCode, _, error) = await ReportAsync("--client", client, "--out", directory.File("report.html"));

        Assert.Equal(2, exitCode);
        Assert.Equal($"error: {client}:{lines.Length + 1}: a \"request\" line after the summary; the summary is the last line\n", error);
    }

    [Fact]
    public async Task Report_BadServerTraceLine_NamesTheServerFileAndLeavesAnOldReportUntouched()
    {
        using var directory = new TempDirectory();
        var client = directory.Write("run.jsonl", OutageScenario.Client().ToJsonLines(OutageScenario.End));
        var server = directory.Write("server.jsonl", OutageScenario.Server().ToJsonLines() + """{"type":"spec","time":"2026-01-01T00:00:14Z","spec":"SOMETIMES","mode":"ERROR","source":"console"}""" + "\n");
        var old = directory.Write("report.html", "the report of an earlier run");
        var lineOfTheBadSpec = File.ReadAllLines(server).Length;

        var (exitCode, _, error) = await ReportAsync("--client", client, "--server", server, "--out", old);

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error: {server}:{lineOfTheBadSpec}: spec \"SOMETIMES\": Unknown fault spec 'SOMETIMES'.", error, StringComparison.Ordinal);
        Assert.Equal("the report of an earlier run", await File.ReadAllTextAsync(old));
    }

    [Fact]
    public async Task Report_MissingTrace_ErrorSaysSoAndExitsTwo()
    {
        using var directory = new TempDirectory();

        var (exitCode, _, error) = await ReportAsync("--client", directory.File("nowhere.jsonl"), "--out", directory.File("report.html"));

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"error: cannot read the client trace '{directory.File("nowhere.jsonl")}': ", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task Report_WithoutOut_IsAnOptionErrorExitTwo()
    {
        var (exitCode, _, error) = await ReportAsync("--client", "run.jsonl");

        Assert.Equal(2, exitCode);
        Assert.Contains("--out", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_UnwritableOutput_ErrorNamesItAndLeavesNothingBehind()
    {
        using var directory = new TempDirectory();
        var client = directory.Write("run.jsonl", OutageScenario.Client().ToJsonLines(OutageScenario.End));

        var (exitCode, _, error) = await ReportAsync("--client", client, "--out", directory.File("report.html"), "--svg", Path.Combine(directory.Path, "no-such-directory", "timeline.svg"));

        Assert.Equal(2, exitCode);
        Assert.Contains("cannot write", error, StringComparison.Ordinal);
        Assert.Equal(["run.jsonl"], Directory.GetFiles(directory.Path).Select(Path.GetFileName));
    }

    private static async Task<(int ExitCode, string Output, string Error)> ReportAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var environment = new ClientEnvironment { Output = output, Error = error, Input = TextReader.Null, Palette = Palette.Plain };
        var exitCode = await ClientApplication.RunAsync(["report", .. args], environment, CancellationToken.None);
        return (exitCode, output.ToString(), error.ToString());
    }
}
