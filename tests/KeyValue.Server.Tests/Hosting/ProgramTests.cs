using System.Globalization;
using System.Net;
using System.Net.Sockets;
using KeyValue.Server.Tests.Support;

namespace KeyValue.Server.Tests.Hosting;

/// <summary>The built server as a process: the port from its log, the console on stdin, signals and exit codes.</summary>
public class ProgramTests
{
    [Fact]
    public async Task Main_StdinClosedAtLogLevelWarning_LogsListeningServesUntilSigtermThenExitsZero()
    {
        await using var server = ServerProcess.Start("--port", "0", "--log-level", "warning");
        server.Process.StandardInput.Close();
        var endPoint = await server.WaitForListeningAsync();
        await server.Stderr.WaitForLineAsync("Console input ended");

        await using (var client = await LineClient.ConnectAsync(endPoint))
        {
            Assert.Equal("PONG", await client.RequestAsync("PING"));
        }

        await server.SendSignalAsync("TERM");

        Assert.Equal(0, await server.WaitForExitAsync());
        Assert.Contains(server.Stderr.Lines, line => line.Contains("Server stopped", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Stderr.Lines, line => line.Contains("PING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Main_FailOnTypedOnStdin_NextGetFails_AnswerOnStdout()
    {
        await using var server = ServerProcess.Start("--port", "0");
        var endPoint = await server.WaitForListeningAsync();
        await using var client = await LineClient.ConnectAsync(endPoint);
        Assert.Equal("OK", await client.RequestAsync("SET k v"));

        await server.Process.StandardInput.WriteLineAsync("FAIL ON");
        await server.Process.StandardInput.FlushAsync();
        await server.Stdout.WaitForLineAsync("ok: fault spec is now ON");

        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET k"), StringComparison.Ordinal);
        await server.Stderr.WaitForLineAsync("GET k -> ERR UNAVAILABLE");
        await server.SendSignalAsync("INT");
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Main_FailModeErrorRetryAfter_FailingGetCarriesTheRetryAfter_LoggedAtInformation()
    {
        await using var server = ServerProcess.Start("--port", "0", "--fail", "on", "--fail-mode", "error retry-after 3s");
        var endPoint = await server.WaitForListeningAsync();
        await using var client = await LineClient.ConnectAsync(endPoint);

        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied", await client.RequestAsync("GET k"));
        await server.Stderr.WaitForLineAsync("#1 GET k -> FAULT ERROR RETRY-AFTER 3s (spec ON)");
        await server.Stderr.WaitForLineAsync("#1 GET k -> ERR UNAVAILABLE retry-after=3000");
        await server.SendSignalAsync("INT");
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Theory]
    [InlineData("--bogus", "--bogus")]
    [InlineData("--fail every|0|of|5", "--fail")]
    [InlineData("--fail-mode error|retry-after|0s", "--fail-mode 'error retry-after 0s' is not a valid fault mode: ERROR RETRY-AFTER: the duration must be more than 0.")]
    [InlineData("--fail-mode error|retry-after", "--fail-mode 'error retry-after' is not a valid fault mode: ERROR RETRY-AFTER needs a duration")]
    [InlineData("--fail-mode error|retry-after|3s|now", "--fail-mode 'error retry-after 3s now' is not a valid fault mode: ERROR RETRY-AFTER needs a duration")]
    [InlineData("--fail-mode error|retry-after|1441m", "--fail-mode 'error retry-after 1441m' is not a valid fault mode: ERROR RETRY-AFTER: the duration must be at most 1440m (1 day).")]
    public async Task Main_InvalidArguments_ExitTwoWithAMessageNamingTheProblem(string args, string named)
    {
        await using var server = ServerProcess.Start([.. args.Split(' ').Select(arg => arg.Replace('|', ' '))]);

        Assert.Equal(2, await server.WaitForExitAsync());
        Assert.Contains(server.Stderr.Lines, line => line.StartsWith("error: ", StringComparison.Ordinal) && line.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Main_TraceThenSignal_EveryRecordAndTheEndLineInTheFileAfterExitZero(string signal)
    {
        using var file = new TempFile();
        await using var server = ServerProcess.Start("--port", "0", "--log-level", "warning", "--fail", "every 2nd of 2", "--trace", file.Path);
        var endPoint = await server.WaitForListeningAsync();
        await using (var client = await LineClient.ConnectAsync(endPoint))
        {
            Assert.Equal("OK", await client.RequestAsync("SET k v"));
            Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET k"), StringComparison.Ordinal);
            Assert.Equal("DELETED", await client.RequestAsync("DEL k"));
        }

        await server.SendSignalAsync(signal);

        Assert.Equal(0, await server.WaitForExitAsync());
        List<System.Text.Json.JsonElement> records = TraceReader.Read(file.Path);
        Assert.Equal(["spec", "request", "request", "request", "end"], records.Select(record => record.Type()));
        Assert.Equal("EVERY 2ND OF 2", records[0].Text("spec"));
        Assert.Equal(["none", "error", "none"], records.OfType("request").Select(record => record.Text("fault")));
        Assert.Equal(3, records[^1].Number("requests"));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("directory")]
    [InlineData("permission")]
    public async Task Main_TraceFileCannotBeWritten_ExitTwoWithAMessageNamingTheFile_BeforeListening(string why)
    {
        using var temp = new TempFile();
        string path = why switch
        {
            "missing" => Path.Combine(temp.Directory, "no-such-directory", "trace.jsonl"),
            "directory" => temp.Directory,
            _ => "/sys/kv-server-trace.jsonl", // not creatable, even by root
        };

        await using var server = ServerProcess.Start("--port", "0", "--trace", path);

        Assert.Equal(2, await server.WaitForExitAsync());
        Assert.Contains(server.Stderr.Lines, line => line.StartsWith($"error: --trace '{path}': cannot write the trace file: ", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Stderr.Lines, line => line.Contains("listening on", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Main_PortTaken_ExitOneWithAMessageNamingTheAddress()
    {
        using var taken = new Socket(SocketType.Stream, ProtocolType.Tcp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        taken.Listen();
        int port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        await using var server = ServerProcess.Start("--port", port.ToString(CultureInfo.InvariantCulture));

        Assert.Equal(1, await server.WaitForExitAsync());
        Assert.Contains(server.Stderr.Lines, line => line == $"error: cannot listen on 127.0.0.1:{port}: Address already in use");
    }
}
