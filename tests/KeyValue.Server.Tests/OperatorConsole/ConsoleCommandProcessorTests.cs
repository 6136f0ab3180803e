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
    [InlineData("FAIL every 0 of 5")]
    [InlineData("FAIL sometimes")]
    [InlineData("FAIL MODE explode")]
    [InlineData("FAIL")]
    [InlineData("REBOOT")]
    public async Task InvalidCommand_PrintsAnError_ChangesNothing(string command)
    {
        await using var server = await TestServer.StartAsync("--fail", "every 3rd of 5");
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
