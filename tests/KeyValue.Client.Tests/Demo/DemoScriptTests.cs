using System.Diagnostics;
using System.Text;

namespace KeyValue.Client.Tests.Demo;

/// <summary>
/// Smoke tests of the demo scripts, as CI runs them: each builds the server and client, runs all five scenarios
/// and checks them itself; here it must exit 0 and its output must show the circuit opening and closing.
/// Slow (a Release build and ~40 s of scenarios each), so both live in this one class and never run at once.
/// A missing bash or PowerShell fails the test: it is never skipped.
/// </summary>
public class DemoScriptTests
{
    /// <summary>Generous: the scripts take well under 90 s, but a cold Release build on a busy CI machine can take minutes.</summary>
    private static readonly TimeSpan ScriptLimit = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task RunDemoSh_AllScenarios_ExitZeroAndShowTheCircuitOpeningAndClosing()
    {
        var (exitCode, output) = await RunAsync("bash", "run-demo.sh");

        AssertDemoRan(exitCode, output);
    }

    [Fact]
    public async Task RunDemoPs1_AllScenarios_ExitZeroAndShowTheCircuitOpeningAndClosing()
    {
        var pwsh = Path.Combine(RepositoryRoot, ".tools", OperatingSystem.IsWindows() ? "pwsh.exe" : "pwsh");
        Assert.True(
            File.Exists(pwsh),
            $"PowerShell 7 is not installed at {pwsh}; install it with: dotnet tool install --tool-path .tools PowerShell --version 7.6.9");

        var (exitCode, output) = await RunAsync(pwsh, "-NoProfile", "-NonInteractive", "-File", "run-demo.ps1");

        AssertDemoRan(exitCode, output);
    }

    [Fact]
    public async Task RunDemoSh_Help_ListsEveryScenario()
    {
        var (exitCode, output) = await RunAsync("bash", "run-demo.sh", "--help");

        Assert.Equal(0, exitCode);
        foreach (var scenario in new[] { "no-failures", "occasional-failures", "only-failures", "outage-recovery", "rolling-window" })
        {
            Assert.Contains(scenario, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunDemoSh_UnknownScenario_ExitsTwo()
    {
        var (exitCode, output) = await RunAsync("bash", "run-demo.sh", "--scenario", "no-such-scenario");

        Assert.Equal(2, exitCode);
        Assert.Contains("unknown scenario 'no-such-scenario'", output, StringComparison.Ordinal);
    }

    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static void AssertDemoRan(int exitCode, string output)
    {
        Assert.True(exitCode == 0, $"the demo exited with {exitCode}:\n{output}");
        Assert.DoesNotContain('\u001b', output);
        foreach (var expected in new[]
        {
            "==== 1. No failures ====", "==== 2. Occasional failures ====", "==== 3. Only failures ====",
            "==== 4. Outage and recovery ====", "==== 5. Rolling window ====",
            "[server] ", "listening on 127.0.0.1:", "[client] #1 ", "circuit OPENED: 3 consecutive failures",
            "REJECTED never reached the server", "circuit HALF-OPEN", "circuit CLOSED: 1 trial succeeded",
            "circuit CLOSED: failures aged out", "every step behaved as described",
        })
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("FAILED:", output, StringComparison.Ordinal);
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
