using System.CommandLine;
using KeyValue.Client.Report;

namespace KeyValue.Client.Cli;

/// <summary>
/// <c>report --client run.jsonl [--server server.jsonl] --out report.html [--svg timeline.svg] [--scorecard scorecard.json]</c>:
/// the run report, a subcommand of the client. Its output and errors go where the client's command line sends them.
/// </summary>
internal sealed class ReportCommandLine
{
    private readonly Option<string> client = new("--client")
    {
        Description = "The client's trace of the run (written with --trace).",
        HelpName = "file",
        Required = true,
    };

    private readonly Option<string?> server = new("--server")
    {
        Description = "The server's trace of the same run (the server's --trace), on the same clock: adds the server's lane and the scores that need it.",
        HelpName = "file",
    };

    private readonly Option<string> output = new("--out")
    {
        Description = "Write the report, one self-contained HTML file, here.",
        HelpName = "file",
        Required = true,
    };

    private readonly Option<string?> svg = new("--svg")
    {
        Description = "Also write the timeline picture alone, as SVG.",
        HelpName = "file",
    };

    private readonly Option<string?> scorecard = new("--scorecard")
    {
        Description = "Also write the scorecard as JSON: {\"policies\":[{\"name\":…},…]}.",
        HelpName = "file",
    };

    public ReportCommandLine()
    {
        Command = new Command(
            "report",
            "Turns the traces of a run into a report: a timeline of the server's faults, the calls and every policy's state, and a scorecard "
            + "of the breaker's policy against each shadow. A trace line it cannot read: error naming the file and line, exit 2, nothing written.")
        {
            client, server, output, svg, scorecard,
        };
        Command.SetAction((result, _) =>
            ReportApplication.RunAsync(ToOptions(result), result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
    }

    public Command Command { get; }

    public ReportOptions ToOptions(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new ReportOptions(result.GetValue(client)!, result.GetValue(server), result.GetValue(output)!, result.GetValue(svg), result.GetValue(scorecard));
    }
}
