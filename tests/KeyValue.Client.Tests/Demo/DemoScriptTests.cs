using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KeyValue.Client.Tests.Demo;

/// <summary>
/// Smoke tests of the demo as CI runs it, through both launchers: each builds the demo program (src/KeyValue.Demo) with
/// the server and client, which runs all six scenarios with real processes and checks each by the two programs' traces;
/// here it must exit 0, its output must show the circuit opening and closing, and every scenario's traces, report and
/// timeline must be written. Slow (a Release build and ~20 s of scenarios each), so all of them live in this one class
/// and never run at once. A missing bash or PowerShell fails the test: it is never skipped.
/// </summary>
public class DemoScriptTests
{
    /// <summary>Generous: the scripts take well under 90 s, but a cold Release build on a busy CI machine can take minutes.</summary>
    private static readonly TimeSpan ScriptLimit = TimeSpan.FromMinutes(15);

    /// <summary>The issue's bound on the scenarios themselves (the build comes on top).</summary>
    private static readonly TimeSpan ScenariosLimit = TimeSpan.FromSeconds(90);

    private static readonly string[] Scenarios = ["no-failures", "occasional-failures", "only-failures", "outage-recovery", "rolling-window", "shared-circuit"];

    [Fact]
    public async Task RunDemoSh_AllScenarios_ExitZeroAndShowTheCircuitOpeningAndClosing()
    {
        var outFolder = NewOutFolder();
        try
        {
            var (exitCode, output) = await RunAsync("bash", "run-demo.sh", "--out", outFolder);

            AssertDemoRan(exitCode, output, outFolder);
        }
        finally
        {
            Directory.Delete(outFolder, recursive: true);
        }
    }

    [Fact]
    public async Task RunDemoPs1_AllScenarios_ExitZeroAndShowTheCircuitOpeningAndClosing()
    {
        var pwsh = Pwsh;
        var outFolder = NewOutFolder();
        try
        {
            var (exitCode, output) = await RunAsync(pwsh, "-NoProfile", "-NonInteractive", "-File", "run-demo.ps1", "--out", outFolder);

            AssertDemoRan(exitCode, output, outFolder);
        }
        finally
        {
            Directory.Delete(outFolder, recursive: true);
        }
    }

    [Fact]
    public async Task RunDemoSh_Help_ListsEveryScenario()
    {
        var (exitCode, output) = await RunAsync("bash", "run-demo.sh", "--help");

        Assert.Equal(0, exitCode);
        foreach (var name in Scenarios.Concat(["--scenario", "--out"]))
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunDemoPs1_Help_ListsEveryScenario()
    {
        var (exitCode, output) = await RunAsync(Pwsh, "-NoProfile", "-NonInteractive", "-File", "run-demo.ps1", "--help");

        Assert.Equal(0, exitCode);
        Assert.All(Scenarios, name => Assert.Contains(name, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunDemoSh_ACheckFails_ExitsOneNamingIt()
    {
        // The server cannot start listening within a millisecond: the scenario's first check fails.
        var outFolder = NewOutFolder();
        try
        {
            var (exitCode, output) = await RunAsync("bash", "run-demo.sh", "--scenario", "no-failures", "--start-timeout", "0.001", "--out", outFolder);

            Assert.Equal(1, exitCode);
            Assert.Contains("[demo] FAILED: no-failures: the server did not start listening within 0.001 s", output, StringComparison.Ordinal);
            Assert.Contains("with 1 failed step(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(outFolder, recursive: true);
        }
    }

    [Fact]
    public async Task RunDemoSh_UnknownScenario_ExitsTwo()
    {
        var (exitCode, output) = await RunAsync("bash", "run-demo.sh", "--scenario", "no-such-scenario");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown scenario 'no-such-scenario'", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDemoPs1_UnknownOption_ExitsTwo()
    {
        var (exitCode, output) = await RunAsync(Pwsh, "-NoProfile", "-NonInteractive", "-File", "run-demo.ps1", "--no-such-option");

        Assert.Equal(2, exitCode);
        Assert.Contains("--no-such-option", output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string Pwsh
    {
        get
        {
            var pwsh = Path.Combine(RepositoryRoot, ".tools", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
            Assert.True(
                File.Exists(pwsh),
                $"PowerShell 7 is not installed at {pwsh}; install it with: dotnet tool install --tool-path .tools PowerShell --version 7.6.9");
            return pwsh;
        }
    }

    private static string NewOutFolder() => Path.Combine(Path.GetTempPath(), $"kv-demo-test-{Guid.NewGuid():N}");

    private static void AssertDemoRan(int exitCode, string output, string outFolder)
    {
        Assert.True(exitCode == 0, $"the demo exited with {exitCode}:\n{output}");
        Assert.DoesNotContain('\u001b', output);
        foreach (var expected in new[]
        {
            "==== 1. No failures ====", "==== 2. Occasional failures ====", "==== 2b. Occasional failures at random ====",
            "==== 3. Only failures ====", "==== 4. Outage and recovery ====", "==== 5. Rolling window ====",
            "==== 6. One circuit, three clients ====", "[demo] check shared-circuit: failed calls of [client 2] = 0",
            "[demo] check shared-circuit: trial calls, all clients together = 1",
            "[server] ", "listening on 127.0.0.1:", "[client] #1 ", "[demo] typing into the server console: FAIL ON",
            "circuit OPENED: 3 consecutive failures", "REJECTED never reached the server", "circuit HALF-OPEN",
            "circuit CLOSED: 1 trial succeeded", "circuit CLOSED: failures aged out",
            "shadow 'window 5 threshold 2' would have OPENED at #", "[demo] check outage-recovery: transitions = Closed->Open Open->HalfOpen HalfOpen->Closed",
            "every step behaved as described",
        })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAILED:", output, StringComparison.Ordinal);

        // Values unique per run: every written value ends in the run id, the demo's and the scenario's number.
        Assert.Matches(@"\[client\] #1 +SET k1 v1-[0-9a-f]{6}\.4 ", output);

        var finished = Regex.Match(output, @"demo finished in (\d+) s", RegexOptions.CultureInvariant);
        Assert.True(finished.Success, output);
        Assert.True(
            TimeSpan.FromSeconds(int.Parse(finished.Groups[1].Value, CultureInfo.InvariantCulture)) < ScenariosLimit,
            $"the scenarios took {finished.Groups[1].Value} s");

        foreach (var scenario in Scenarios)
        {
            foreach (var file in new[] { "client.jsonl", "server.jsonl", "report.html", "timeline.svg" })
            {
                var path = Path.Combine(outFolder, scenario, file);
                Assert.True(File.Exists(path) && new FileInfo(path).Length > 0, $"{path} was not written");
            }

            Assert.Contains($"[demo] report: {Path.Combine(outFolder, scenario, "report.html")}", output, StringComparison.Ordinal);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment.Remove("FORCE_COLOR");

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync().WaitAsync(ScriptLimit);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CircuitBreaker.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no CircuitBreaker.sln above {AppContext.BaseDirectory}");
    }
}
