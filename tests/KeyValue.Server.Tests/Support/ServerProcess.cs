using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace KeyValue.Server.Tests.Support;

/// <summary>The built server run as a real process (<c>dotnet KeyValue.Server.dll ...</c>), its output captured line by line.</summary>
internal sealed partial class ServerProcess : IAsyncDisposable
{
    private ServerProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public LogCapture Stdout { get; } = new();

    public LogCapture Stderr { get; } = new();

    public static ServerProcess Start(params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(ServerAssemblyPath);
        foreach (string arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = startInfo };
        var server = new ServerProcess(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) server.Stdout.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) server.Stderr.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits for the <c>listening on host:port</c> log line and returns the address it names.</summary>
    public async Task<IPEndPoint> WaitForListeningAsync()
    {
        string line = await Stderr.WaitForLineAsync("listening on ").WaitAsync(TimeSpan.FromSeconds(30));
        Match match = ListeningLine().Match(line);
        Assert.True(match.Success, line);
        return new IPEndPoint(IPAddress.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task SendSignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().WaitAsync(LineClient.Timeout);
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync()
    {
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync().WaitAsync(LineClient.Timeout);
        }

        Process.Dispose();
        Stdout.Dispose();
        Stderr.Dispose();
    }

    // The server project is referenced by the tests, so its build output (with its runtimeconfig) sits next to them.
    private static string ServerAssemblyPath
    {
        get
        {
            string path = Path.Combine(AppContext.BaseDirectory, "KeyValue.Server.dll");
            Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), $"No runnable server next to the tests: {path}");
            return path;
        }
    }

    [GeneratedRegex(@"listening on \[?([^\]\s]+?)\]?:(\d+)")]
    private static partial Regex ListeningLine();
}
