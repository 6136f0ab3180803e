using System.Diagnostics;
using System.Globalization;
using KeyValue.Demo.Cli;
using KeyValue.Demo.Output;
using KeyValue.Demo.Processes;
using KeyValue.Demo.Scenarios;

namespace KeyValue.Demo;

/// <summary>The whole demo: parse the command line, run the chosen scenarios one after another, and say how they went.</summary>
internal static class DemoApplication
{
    public const int PassedExitCode = 0;
    public const int FailedExitCode = 1;
    public const int InterruptedExitCode = 130;

    public static Task<int> RunAsync(IReadOnlyList<string> args, DemoConsole console, CancellationToken cancellationToken) =>
        new DemoCommandLine().InvokeAsync(args, (options, ct) => RunAsync(options, console, ct), Console.Out, Console.Error, cancellationToken);

    public static async Task<int> RunAsync(DemoOptions options, DemoConsole console, CancellationToken cancellationToken)
    {
        if (BuiltPrograms.Locate(out var problem) is not { } programs)
        {
            console.Failed(problem);
            return FailedExitCode;
        }

        var outFolder = Path.GetFullPath(options.OutFolder ?? Path.Combine(programs.RepositoryRoot, DemoOptions.DefaultOutFolder));

        // Every value a client run writes ends in its run id (this demo run's, then the scenario's number): no value is
        // ever read back by a run that did not write it and mistaken for its own.
        var runId = Guid.NewGuid().ToString("N")[..6];
        console.Say($"run {runId}: traces, reports and timelines go to {CommandText.Path(outFolder)}");
        var runner = new ScenarioRunner(programs, options.Timeouts, console, outFolder, runId);
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            for (var index = 0; index < DemoScenarios.All.Count; index++)
            {
                var scenario = DemoScenarios.All[index];
                if (options.Scenario is null || options.Scenario == scenario.Name)
                {
                    failures.AddRange(await runner.RunAsync(scenario, index + 1, cancellationToken));
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Blank();
            console.Say("interrupted");
            return InterruptedExitCode;
        }

        console.Blank();
        var seconds = clock.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        if (failures.Count == 0)
        {
            console.Say(console.Bold($"demo finished in {seconds} s: every step behaved as described"));
            return PassedExitCode;
        }

        console.Say(console.Red(string.Create(CultureInfo.InvariantCulture, $"demo finished in {seconds} s with {failures.Count} failed step(s):")));
        foreach (var failure in failures)
        {
            console.Say($"  - {failure}");
        }

        return FailedExitCode;
    }
}
