using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text;
using KeyValue.Demo.Processes;
using KeyValue.Demo.Scenarios;

namespace KeyValue.Demo.Cli;

/// <summary>
/// The demo's command line, the same behind run-demo.sh and run-demo.ps1: <c>--scenario</c>, <c>--out</c>, the waits'
/// limits and <c>--help</c>, which lists the scenarios. Bad arguments exit with 2.
/// </summary>
internal sealed class DemoCommandLine
{
    public const int InvalidArgumentsExitCode = 2;

    /// <summary>The longest wait any limit may be set to: an hour.</summary>
    private const double MaxTimeoutSeconds = 3600;

    private readonly Option<string?> scenario = new("--scenario")
    {
        Description = "Run only this scenario (see the list above).",
        HelpName = "name",
    };

    private readonly Option<string?> outFolder = new("--out")
    {
        Description = $"Where each scenario's two traces, report.html and timeline.svg go, a folder per scenario (default: {DemoOptions.DefaultOutFolder}/ in the repository).",
        HelpName = "dir",
    };

    private readonly Option<double> startTimeout = Seconds("--start-timeout", ProcessTimeouts.DefaultStartSeconds, "Seconds the server may take to start listening.");

    private readonly Option<double> answerTimeout = Seconds("--answer-timeout", ProcessTimeouts.DefaultAnswerSeconds, "Seconds the server's console may take to answer a typed command.");

    private readonly Option<double> stepTimeout = Seconds("--step-timeout", ProcessTimeouts.DefaultStepSeconds, "Seconds to wait for the client line a scenario's next step waits for.");

    private readonly Option<double> runTimeout = Seconds("--run-timeout", ProcessTimeouts.DefaultRunSeconds, "Seconds a client run, or the making of a report, may take.");

    private readonly Option<double> stopTimeout = Seconds("--stop-timeout", ProcessTimeouts.DefaultStopSeconds, "Seconds the server may take to stop after SIGTERM before it is killed.");

    public DemoCommandLine()
    {
        Root = new RootCommand(Describe())
        {
            scenario, outFolder, startTimeout, answerTimeout, stepTimeout, runTimeout, stopTimeout,
        };
        scenario.Validators.Add(result =>
        {
            var name = result.GetValueOrDefault<string?>();
            if (name is not null && DemoScenarios.Find(name) is null)
            {
                result.AddError($"unknown scenario '{name}'; one of: {string.Join(' ', DemoScenarios.All.Select(s => s.Name))}");
            }
        });
        outFolder.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } folder && string.IsNullOrWhiteSpace(folder))
            {
                result.AddError("--out must name a folder.");
            }
        });
    }

    public RootCommand Root { get; }

    /// <summary>
    /// Parses <paramref name="args"/>; on errors writes them to <paramref name="error"/> and returns 2, on
    /// <c>--help</c> writes help and returns 0, otherwise hands the options to <paramref name="run"/>.
    /// </summary>
    public async Task<int> InvokeAsync(
        IReadOnlyList<string> args,
        Func<DemoOptions, CancellationToken, Task<int>> run,
        TextWriter output,
        TextWriter error,
        CancellationToken cancellationToken)
    {
        var parseResult = Root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"error: {parseError.Message}");
            }

            await error.WriteLineAsync("Run with --help to see the scenarios and options.");
            return InvalidArgumentsExitCode;
        }

        Root.SetAction((result, ct) => run(ToOptions(result), ct));

        // The demo handles Ctrl+C itself (it stops the client and the server first), not System.CommandLine.
        var configuration = new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = null };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    private DemoOptions ToOptions(ParseResult result) => new()
    {
        Scenario = result.GetValue(scenario),
        OutFolder = result.GetValue(outFolder),
        Timeouts = new ProcessTimeouts(
            TimeSpan.FromSeconds(result.GetValue(startTimeout)),
            TimeSpan.FromSeconds(result.GetValue(answerTimeout)),
            TimeSpan.FromSeconds(result.GetValue(stepTimeout)),
            TimeSpan.FromSeconds(result.GetValue(runTimeout)),
            TimeSpan.FromSeconds(result.GetValue(stopTimeout))),
    };

    private static string Describe()
    {
        var text = new StringBuilder(
            "./run-demo.sh [options] or pwsh run-demo.ps1 [options]: the circuit breaker demo: for each scenario it starts the key-value server on a free port, types the scenario's FAIL "
            + "commands into its console and runs the client against it, printing both programs' lines as they come ([server], "
            + "[client]; its own [demo]). It then checks the two programs' traces and writes a report with a timeline. "
            + "Exit status: 0 when every check passed, 1 otherwise, 2 for a bad argument, 130 on Ctrl+C.");
        text.AppendLine().AppendLine().AppendLine("Scenarios:");
        var width = DemoScenarios.All.Max(s => s.Name.Length);
        foreach (var each in DemoScenarios.All)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {each.Name.PadRight(width)}  {each.Title}: {each.Summary}");
        }

        return text.ToString().TrimEnd();
    }

    private static Option<double> Seconds(string name, double defaultSeconds, string description)
    {
        var option = new Option<double>(name)
        {
            Description = description,
            HelpName = "seconds",
            DefaultValueFactory = _ => defaultSeconds,
        };
        option.Validators.Add(result =>
        {
            double value;
            try
            {
                value = result.GetValueOrDefault<double>();
            }
            catch (InvalidOperationException)
            {
                return; // not a number: already reported
            }

            if (!(value > 0 && value <= MaxTimeoutSeconds))
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be more than 0 and at most {MaxTimeoutSeconds} seconds, not {value}."));
            }
        });
        return option;
    }
}
