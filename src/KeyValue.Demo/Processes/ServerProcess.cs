using System.Globalization;
using System.Text.RegularExpressions;
using KeyValue.Demo.Output;
using KeyValue.Demo.Scenarios;

namespace KeyValue.Demo.Processes;

/// <summary>
/// The real key-value server, started on a free port with its trace on, its console on a pipe the demo types into, and
/// its lines printed <c>[server]</c> as they come.
/// </summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly DemoConsole console;
    private readonly TimeSpan answerTimeout;

    private ServerProcess(ChildProcess process, DemoConsole console, int port, TimeSpan answerTimeout)
    {
        this.process = process;
        this.console = console;
        this.answerTimeout = answerTimeout;
        Port = port;
    }

    /// <summary>The port the server picked, read from its <c>listening on</c> line.</summary>
    public int Port { get; }

    /// <summary>Starts the server and waits for its <c>listening on</c> line; null (the failure recorded) when it never comes.</summary>
    public static async Task<ServerProcess?> StartAsync(
        BuiltPrograms programs, string tracePath, DemoConsole console, ProcessTimeouts timeouts, ScenarioChecks checks, CancellationToken cancellationToken)
    {
        console.Say("starting the server on a free port");
        var process = ChildProcess.Start(
            programs.Dotnet,
            [programs.ServerAssembly, "--port", "0", "--trace", tracePath],
            "[server]",
            console,
            withInput: true,
            new Dictionary<string, string?>());
        var listening = await process.Lines.WaitForAsync(0, line => ListeningOn().IsMatch(line), timeouts.Start, cancellationToken);
        if (listening is not { } position)
        {
            checks.Fail(process.HasExited
                ? string.Create(CultureInfo.InvariantCulture, $"the server exited with {process.ExitCode} before it listened")
                : $"the server did not start listening within {Seconds(timeouts.Start)}");
            await process.StopAsync(Signals.Terminate, timeouts.Stop);
            await process.DisposeAsync();
            return null;
        }

        var port = int.Parse(ListeningOn().Match(process.Lines[position]).Groups["port"].Value, CultureInfo.InvariantCulture);
        console.Say(string.Create(CultureInfo.InvariantCulture, $"the server listens on port {port}"));
        return new ServerProcess(process, console, port, timeouts.Answer);
    }

    /// <summary>Types a command into the server's console and waits for its answer (<c>ok: …</c> or <c>error: …</c>).</summary>
    public async Task<bool> TypeAsync(string command, ScenarioChecks checks, CancellationToken cancellationToken)
    {
        console.Say($"typing into the server console: {console.Bold(command)}");
        var from = process.Lines.Count;
        if (!await process.WriteLineAsync(command, cancellationToken))
        {
            checks.Fail($"the server is gone: '{command}' could not be typed");
            return false;
        }

        var answer = await process.Lines.WaitForAsync(
            from, line => line.StartsWith("ok:", StringComparison.Ordinal) || line.StartsWith("error:", StringComparison.Ordinal), answerTimeout, cancellationToken);
        if (answer is not { } position)
        {
            checks.Fail($"the server did not answer '{command}' within {Seconds(answerTimeout)}");
            return false;
        }

        if (process.Lines[position].StartsWith("error:", StringComparison.Ordinal))
        {
            checks.Fail($"the server refused '{command}'");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Stops the server as an operator would: end of console input, then SIGTERM, on which it finishes what is in flight,
    /// writes the rest of its trace and exits 0. Killed (and the failure recorded) when it takes longer than <paramref name="limit"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan limit, ScenarioChecks checks)
    {
        console.Say("stopping the server");
        process.CloseInput();

        // Windows has no SIGTERM: there the server is killed, and its trace holds what it flushed (every 100 ms).
        if (!await process.StopAsync(Signals.Terminate, limit))
        {
            if (!OperatingSystem.IsWindows())
            {
                checks.Fail($"the server did not stop within {Seconds(limit)} of SIGTERM and was killed");
            }
        }
        else if (process.ExitCode != 0)
        {
            checks.Fail(string.Create(CultureInfo.InvariantCulture, $"the server exited with {process.ExitCode}"));
        }
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();

    private static string Seconds(TimeSpan limit) => string.Create(CultureInfo.InvariantCulture, $"{limit.TotalSeconds:0.###} s");

    [GeneratedRegex(@"listening on \S+:(?<port>\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex ListeningOn();
}
