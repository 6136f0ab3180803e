using KeyValue.Server.Tests.Support;

namespace KeyValue.Server.Tests.OperatorConsole;

public class ConsoleCommandProcessorTests
{
    [Fact]
    public async Task FailOn_TypedIntoTheConsole_NextGetFails_FailOffRestores()
    {
        using var input = new BlockingLineReader();
        var output = new LogCapture();
        await using var server = await TestServer.StartAsync(new LogCapture(), null, input, output);
        await using var client = await server.ConnectAsync();
        Assert.Equal("OK", await client.RequestAsync("SET k v"));

        input.Type("fail on");
        Assert.Equal("ok: fault spec is now ON (request count restarts at 1)", await output.WaitForLineAsync("fault spec is now ON"));
        Assert.StartsWith("ERR UNAVAILABLE ", await client.RequestAsync("GET k"), StringComparison.Ordinal);

        input.Type("FAIL OFF");
        await output.WaitForLineAsync("fault spec is now OFF");
        Assert.Equal("VALUE v", await client.RequestAsync("GET k"));
    }

    [Fact]
    public async Task FailModeErrorRetryAfter_TypedIntoTheConsole_FailingRequestsCarryTheRetryAfter()
    {
        using var input = new BlockingLineReader();
        var output = new LogCapture();
        await using var server = await TestServer.StartAsync(new LogCapture(), null, input, output, "--fail", "ON");
        await using var client = await server.ConnectAsync();

        input.Type("fail mode error retry-after 3s");
        Assert.Equal("ok: fault mode is now ERROR RETRY-AFTER 3s", await output.WaitForLineAsync("fault mode is now"));
        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied", await client.RequestAsync("SET k v"));

        input.Type("FAIL MODE ERROR RETRY-AFTER 250ms");
        await output.WaitForLineAsync("fault mode is now ERROR RETRY-AFTER 250ms");
        Assert.Equal("ERR UNAVAILABLE retry-after=250 injected fault; the command was not applied", await client.RequestAsync("GET k"));

        input.Type("FAIL OFF");
        await output.WaitForLineAsync("fault spec is now OFF");
        Assert.Equal("NOT_FOUND", await client.RequestAsync("GET k"));
    }

    [Fact]
    public async Task LineLongerThanTheLimit_OneErrorNamingTheLimit_LineNotEchoed_NextCommandRuns()
    {
        using var input = new BlockingLineReader();
        var output = new LogCapture();
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, input, output);

        input.Type("FAIL " + new string('x', 100_000));
        input.Type("STATUS");

        await output.WaitForLineAsync("spec OFF");
        Assert.Equal(
            ["error: a console line is at most 4,096 characters; this one was longer and is ignored (nothing changed)"],
            output.Lines.Where(line => line.StartsWith("error", StringComparison.Ordinal)));
        Assert.DoesNotContain(output.Lines, line => line.Contains("xxxx", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Lines, line => line.Contains("xxxx", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndOfInput_StopsTheConsoleNotTheServer()
    {
        using var input = new BlockingLineReader();
        var log = new LogCapture();
        await using var server = await TestServer.StartAsync(log, null, input, new LogCapture());

        input.EndInput();
        await log.WaitForLineAsync("Console input ended");

        await using var client = await server.ConnectAsync();
        Assert.Equal("PONG", await client.RequestAsync("PING"));
    }

    [Fact]
    public async Task Status_ReportsSpecModeCountersConnectionsAndKeys()
    {
        await using var server = await TestServer.StartAsync("--fail", "every 2nd of 2", "--fail-mode", "error");
        await using var client = await server.ConnectAsync();
        await client.RequestAsync("SET a 1");
        await client.RequestAsync("SET b 2");
        await client.RequestAsync("SET c 3");

        string status = server.ExecuteConsoleCommand("status");

        Assert.Equal(
            "spec EVERY 2ND OF 2 (3 data requests under this spec), mode ERROR, data requests 3, failed 1, open connections 1, keys 2",
            status);
    }

    [Fact]
    public async Task FailMode_Valid_ChangesTheMode()
    {
        await using var server = await TestServer.StartAsync();

        Assert.Equal("ok: fault mode is now DELAY 500ms", server.ExecuteConsoleCommand("FAIL MODE delay 500ms"));
        Assert.Contains("mode DELAY 500ms", server.ExecuteConsoleCommand("STATUS"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 3s", "ERROR RETRY-AFTER 3s")]
    [InlineData("fail mode Error Retry-After 2M", "ERROR RETRY-AFTER 2m")]
    [InlineData("FAIL MODE error retry-after 60000ms", "ERROR RETRY-AFTER 1m")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 1440m", "ERROR RETRY-AFTER 1440m")]
    public async Task FailMode_ErrorRetryAfter_ChangesTheModeToItsCanonicalText(string command, string canonical)
    {
        await using var server = await TestServer.StartAsync();

        Assert.Equal($"ok: fault mode is now {canonical}", server.ExecuteConsoleCommand(command));
        Assert.Contains($"mode {canonical},", server.ExecuteConsoleCommand("STATUS"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidErrorRetryAfter_AnswerQuotesTheModeAndTheReason()
    {
        await using var server = await TestServer.StartAsync();

        Assert.Equal(
            "error: invalid fault mode 'error retry-after 0s': ERROR RETRY-AFTER: the duration must be more than 0. (nothing changed)",
            server.ExecuteConsoleCommand("FAIL MODE error retry-after 0s"));
        Assert.Equal(
            "error: invalid fault mode 'ERROR RETRY-AFTER 1441m': ERROR RETRY-AFTER: the duration must be at most 1440m (1 day). (nothing changed)",
            server.ExecuteConsoleCommand("FAIL MODE ERROR RETRY-AFTER 1441m"));
    }

    [Theory]
    [InlineData("FAIL every 0 of 5")]
    [InlineData("FAIL sometimes")]
    [InlineData("FAIL MODE explode")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 0s")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 0ms")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER -3s")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 3")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 3s please")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 1441m")]
    [InlineData("FAIL MODE ERROR RETRY-AFTER 86400001ms")]
    [InlineData("FAIL MODE ERROR RETRY 3s")]
    [InlineData("FAIL")]
    [InlineData("REBOOT")]
    public async Task InvalidCommand_PrintsAnError_ChangesNothing(string command)
    {
        await using var server = await TestServer.StartAsync("--fail", "every 3rd of 5", "--fail-mode", "error retry-after 5s");
        await using var client = await server.ConnectAsync();
        await client.RequestAsync("SET a 1");
        string before = server.ExecuteConsoleCommand("STATUS");

        string answer = server.ExecuteConsoleCommand(command);

        Assert.StartsWith("error: ", answer, StringComparison.Ordinal);
        Assert.Equal(before, server.ExecuteConsoleCommand("STATUS"));
    }

    [Fact]
    public async Task InvalidSpec_AnswerQuotesTheSpecAndTheReason()
    {
        await using var server = await TestServer.StartAsync();

        string answer = server.ExecuteConsoleCommand("FAIL every 6 of 5");

        Assert.Equal("error: invalid fault spec 'every 6 of 5': EVERY: k (6) must not be greater than m (5). (nothing changed)", answer);
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        await using var server = await TestServer.StartAsync();

        string help = server.ExecuteConsoleCommand("help");

        Assert.Contains("FAIL <spec>", help, StringComparison.Ordinal);
        Assert.Contains("FAIL MODE <mode>", help, StringComparison.Ordinal);
        Assert.Contains("STATUS", help, StringComparison.Ordinal);
    }
}
