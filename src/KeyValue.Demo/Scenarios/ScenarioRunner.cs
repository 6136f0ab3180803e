using System.Globalization;
using KeyValue.Demo.Output;
using KeyValue.Demo.Processes;
using KeyValue.Demo.Traces;

namespace KeyValue.Demo.Scenarios;

/// <summary>
/// Runs one scenario with real processes: a server of its own (so its trace is the scenario's), the commands typed into
/// its console, the client run with a trace, then — both stopped — the checks on the two traces, and the report.
/// </summary>
/// <remarks>
/// Every scenario is also checked for what holds in all of them: the client exits 0; no read violation; the server saw
/// exactly the calls the client did not reject (a rejected call never reaches it); it faulted exactly the calls that
/// failed; its trace is complete.
/// </remarks>
internal sealed class ScenarioRunner(BuiltPrograms programs, ProcessTimeouts timeouts, DemoConsole console, string outFolder, string runId)
{
    public async Task<IReadOnlyList<string>> RunAsync(DemoScenario scenario, int number, CancellationToken cancellationToken)
    {
        console.Heading(scenario.Title, scenario.Watch);
        var checks = new ScenarioChecks(console, scenario.Name);
        var files = new ScenarioFiles(Path.Combine(outFolder, scenario.Name));
        files.Prepare();

        RedisProcess? redis = null;
        if (scenario.Peers.Count > 0)
        {
            if (RedisProcess.Locate() is not { } redisServer)
            {
                console.Say($"skipped {scenario.Name}: its clients share one circuit through redis-server, which is not installed; {RedisProcess.InstallHint}");
                return [];
            }

            if ((redis = await RedisProcess.StartAsync(redisServer, console, timeouts, checks, cancellationToken)) is null)
            {
                return checks.Failures;
            }
        }

        await using (redis)
        {
            var server = await ServerProcess.StartAsync(programs, files.ServerTrace, console, timeouts, checks, cancellationToken);
            if (server is null)
            {
                return checks.Failures;
            }

            await using (server)
            {
                try
                {
                    var clientRunId = string.Create(CultureInfo.InvariantCulture, $"{runId}.{number}");
                    await RunClientsAsync(scenario, server, redis, files, clientRunId, checks, cancellationToken);
                }
                finally
                {
                    // Also on Ctrl+C: the server writes the end of its trace and exits.
                    await server.StopAsync(timeouts.Stop, checks);
                }
            }
        }

        if (Read(scenario, files, checks) is { } traces)
        {
            CheckEveryScenario(traces, checks);
            scenario.Checks(traces, checks);
            await WriteReportAsync(files, checks, cancellationToken);
        }

        return checks.Failures;
    }

    private static void CheckEveryScenario(ScenarioTraces traces, ScenarioChecks checks)
    {
        checks.Expect("read violations", traces.Clients.Sum(client => client.Violations), 0);
        checks.Expect("data requests the server saw (the calls not rejected)", traces.Server.Requests.Count, traces.Clients.Sum(client => client.ReachedServer));
        checks.Expect("requests the server faulted (the calls that failed)", traces.Server.Faulted, traces.Clients.Sum(client => client.Count(ClientCall.Failed)));
        if (!OperatingSystem.IsWindows())
        {
            // Windows has no SIGTERM: the server is killed there, before it can write its end record.
            checks.Expect("the server's trace, to its end record (flushed on exit)", traces.Server.Ended ? "complete" : "cut short", "complete");
        }
    }

    private static ScenarioTraces? Read(DemoScenario scenario, ScenarioFiles files, ScenarioChecks checks)
    {
        try
        {
            return new ScenarioTraces(
                ClientTrace.Read(files.ClientTrace),
                ServerTrace.Read(files.ServerTrace),
                [.. Enumerable.Range(0, scenario.Peers.Count).Select(peer => ClientTrace.Read(files.PeerTrace(peer)))]);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            checks.Fail($"the traces cannot be read: {exception.Message}");
            return null;
        }
    }

    private async Task RunClientsAsync(
        DemoScenario scenario, ServerProcess server, RedisProcess? redis, ScenarioFiles files, string clientRunId, ScenarioChecks checks, CancellationToken cancellationToken)
    {
        foreach (var command in scenario.Before)
        {
            if (!await server.TypeAsync(command, checks, cancellationToken))
            {
                return;
            }
        }

        string[] shared = redis is null ? [] : ["--shared-state", redis.Endpoint];
        var peers = new List<ChildProcess>();
        try
        {
            for (var peer = 0; peer < scenario.Peers.Count; peer++)
            {
                // No --run-id: an interactive client writes only the values it is given.
                string[] peerAdded = [.. Added(server, files.PeerTrace(peer)), .. shared, "--interactive"];
                peers.Add(StartClient(ScenarioSteps.PeerName(peer), scenario.Peers[peer], peerAdded, withInput: true));
            }

            await using var client = StartClient("client", scenario.Client, [.. Added(server, files.ClientTrace), "--run-id", clientRunId, .. shared], withInput: false);
            try
            {
                await scenario.During(new ScenarioSteps(server, client, peers, console, checks, timeouts.Step), cancellationToken);
                await WaitForExitAsync(client, "the client", checks, cancellationToken);
            }
            finally
            {
                // Ctrl+C, or a client that did not finish: SIGINT, on which it still prints its summary and ends its trace.
                await client.StopAsync(Signals.Interrupt, timeouts.Stop);
            }

            for (var peer = 0; peer < peers.Count; peer++)
            {
                // End of input: an interactive client prints its summary, ends its trace and exits.
                peers[peer].CloseInput();
                await WaitForExitAsync(peers[peer], ScenarioSteps.PeerName(peer), checks, cancellationToken);
            }
        }
        finally
        {
            foreach (var peer in peers)
            {
                await peer.StopAsync(Signals.Interrupt, timeouts.Stop);
                await peer.DisposeAsync();
            }
        }
    }

    private static string[] Added(ServerProcess server, string tracePath) =>
        ["--port", server.Port.ToString(CultureInfo.InvariantCulture), "--trace", tracePath];

    private ChildProcess StartClient(string name, IReadOnlyList<string> options, string[] added, bool withInput)
    {
        console.Say($"{name} {CommandText.Join(options)}   ({CommandText.Join(added)})");
        return ChildProcess.Start(
            programs.Dotnet, [programs.ClientAssembly, .. added, .. options], $"[{name}]", console, withInput, ClientEnvironment());
    }

    private async Task WaitForExitAsync(ChildProcess client, string who, ScenarioChecks checks, CancellationToken cancellationToken)
    {
        if (!await client.WaitForExitAsync(timeouts.Run, cancellationToken))
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"{who} did not finish within {timeouts.Run.TotalSeconds:0.###} s"));
        }
        else if (client.ExitCode != 0)
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"{who} exited with {client.ExitCode}"));
        }
    }

    /// <summary>
    /// The client's report subcommand: the HTML report and its timeline picture, from the two traces. It runs in the
    /// scenario's folder and is given bare file names, so that the report names its traces as they sit beside it (the
    /// pictures under docs/ hold no path of the machine that made them).
    /// </summary>
    private async Task WriteReportAsync(ScenarioFiles files, ScenarioChecks checks, CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "report", "--client", Path.GetFileName(files.ClientTrace), "--server", Path.GetFileName(files.ServerTrace),
            "--out", Path.GetFileName(files.Report), "--svg", Path.GetFileName(files.Timeline),
        ];
        await using var report = ChildProcess.Start(
            programs.Dotnet, [programs.ClientAssembly, .. arguments], "[client]", console, withInput: false, ClientEnvironment(), files.Folder);
        if (!await report.WaitForExitAsync(timeouts.Run, cancellationToken))
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"the report was not written within {timeouts.Run.TotalSeconds:0.###} s"));
        }
        else if (report.ExitCode != 0)
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"the report failed: client {CommandText.Join(arguments)} exited with {report.ExitCode}"));
        }
        else if (!File.Exists(files.Report) || !File.Exists(files.Timeline))
        {
            checks.Fail("the report ran but did not write report.html and timeline.svg");
        }
        else
        {
            console.Say($"report: {console.Bold(CommandText.Path(files.Report))} (timeline: {CommandText.Path(files.Timeline)})");
        }
    }

    /// <summary>The client colours its lines only on a terminal; through the demo's pipe it is told to when the demo colours its own.</summary>
    private Dictionary<string, string?> ClientEnvironment() => new() { ["FORCE_COLOR"] = console.UsesColour ? "1" : null };
}
