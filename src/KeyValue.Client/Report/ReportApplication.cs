using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using KeyValue.Client.Cli;

namespace KeyValue.Client.Report;

/// <summary>
/// The <c>report</c> subcommand: reads the traces, builds the report, and writes the HTML (and the SVG and the
/// scorecard when asked) all or nothing. A trace line it cannot read is <c>error: &lt;file&gt;:&lt;line&gt;: &lt;what&gt;</c>
/// on stderr and exit 2, with no output file written.
/// </summary>
internal static class ReportApplication
{
    public const int SuccessExitCode = 0;

    public static async Task<int> RunAsync(ReportOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var client = Read("client trace", options.ClientTracePath, ClientTraceFile.Read);
            var server = options.ServerTracePath is { } serverPath ? Read("server trace", serverPath, ServerTraceFile.Read) : null;
            var report = RunReport.Build(client, server);
            var svg = TimelineSvg.Render(report);
            var files = new List<(string Path, string Text)> { (options.OutPath, ReportHtml.Render(report, svg)) };
            if (options.SvgPath is { } svgPath)
            {
                files.Add((svgPath, SvgDocument(svg)));
            }

            if (options.ScorecardPath is { } scorecardPath)
            {
                files.Add((scorecardPath, ScorecardJson(report) + "\n"));
            }

            OutputFiles.WriteAll(files);
            foreach (var (path, _) in files)
            {
                await output.WriteLineAsync($"wrote {path}");
            }

            return SuccessExitCode;
        }
        catch (Exception exception) when (exception is TraceFormatException or IOException)
        {
            await error.WriteLineAsync($"error: {exception.Message}");
            return ClientCommandLine.InvalidOptionsExitCode;
        }
    }

    /// <summary>The scorecard as the <c>--scorecard</c> file holds it.</summary>
    public static string ScorecardJson(RunReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(new ScorecardDocument(report.Scores, report.Server is not null), ReportJsonContext.Default.ScorecardDocument);
    }

    /// <summary>The timeline as a standalone SVG file.</summary>
    public static string SvgDocument(XElement svg)
    {
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false) }))
        {
            new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Save(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static T Read<T>(string what, string path, Func<string, T> read)
    {
        try
        {
            return read(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new IOException($"cannot read the {what} '{path}': {exception.Message}", exception);
        }
    }
}
