using KeyValue.Server.Options;

namespace KeyValue.Server.Tests.Options;

public class ServerCommandLineTests
{
    [Fact]
    public void CreateOptions_NoArguments_TheDocumentedDefaults()
    {
        ServerOptions options = Parse([], out IReadOnlyList<string> problems);

        Assert.Empty(problems);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(7379, options.Port);
        Assert.Equal("OFF", options.FaultSpec);
        Assert.Equal("ERROR", options.FaultMode);
        Assert.Null(options.Seed);
        Assert.Equal(65_536, options.MaxLineBytes);
        Assert.Equal(10_000, options.MaxConnections);
        Assert.Equal(300, options.IdleTimeoutSeconds);
        Assert.Equal(5, options.ShutdownTimeoutSeconds);
        Assert.Equal(ServerLogLevel.Information, options.LogLevel);
        Assert.Null(options.TracePath);
    }

    [Fact]
    public void CreateOptions_EveryOption_Bound()
    {
        ServerOptions options = Parse(
            ["--host", "localhost", "--port", "0", "--fail", "every 3rd of 5", "--fail-mode", "delay", "2s", "--seed", "42",
             "--max-line-bytes", "4096", "--max-connections", "3", "--idle-timeout", "7", "--shutdown-timeout", "1", "--log-level", "Warning",
             "--trace", "run/server.jsonl"],
            out IReadOnlyList<string> problems);

        Assert.Empty(problems);
        Assert.Equal("localhost", options.Host);
        Assert.Equal(0, options.Port);
        Assert.Equal("every 3rd of 5", options.FaultSpec);
        Assert.Equal("delay 2s", options.FaultMode);
        Assert.Equal(42, options.Seed);
        Assert.Equal(4096, options.MaxLineBytes);
        Assert.Equal(3, options.MaxConnections);
        Assert.Equal(7, options.IdleTimeoutSeconds);
        Assert.Equal(1, options.ShutdownTimeoutSeconds);
        Assert.Equal(ServerLogLevel.Warning, options.LogLevel);
        Assert.Equal("run/server.jsonl", options.TracePath);
    }

    [Theory]
    [InlineData("error retry-after 3s")]
    [InlineData("error", "retry-after", "3s")]
    public void CreateOptions_FailModeErrorRetryAfter_OneOrSeveralTokens_Bound(params string[] mode)
    {
        ServerOptions options = Parse(["--fail-mode", .. mode], out IReadOnlyList<string> problems);

        Assert.Empty(problems);
        Assert.Equal("error retry-after 3s", options.FaultMode);
        Assert.True(FaultSettings.TryCreate(options, out FaultSettings? settings, out _));
        Assert.Equal("ERROR RETRY-AFTER 3s", settings.Mode.ToString());
    }

    [Theory]
    [InlineData("error retry-after")]
    [InlineData("error retry-after 0s")]
    [InlineData("error retry-after -1s")]
    [InlineData("error retry-after 3")]
    [InlineData("error retry-after 3s now")]
    [InlineData("error retry-after 1441m")]
    [InlineData("error retry 3s")]
    public void CreateOptions_InvalidFailModeErrorRetryAfter_OneProblemNamingTheOptionAndTheMode(string mode)
    {
        Parse(["--fail-mode", mode], out IReadOnlyList<string> problems);

        string problem = Assert.Single(problems);
        Assert.StartsWith($"--fail-mode '{mode}' is not a valid fault mode: ERROR", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-chance")]
    [InlineData("--fail_chance")]
    public void CreateOptions_FailChance_BecomesAChanceSpec(string option)
    {
        ServerOptions options = Parse([option, "0.25"], out IReadOnlyList<string> problems);

        Assert.Empty(problems);
        Assert.Equal("CHANCE 0.25", options.FaultSpec);
    }

    [Fact]
    public void CreateOptions_FailAndFailChanceTogether_AProblem()
    {
        Parse(["--fail", "on", "--fail-chance", "0.5"], out IReadOnlyList<string> problems);

        Assert.Contains(problems, problem => problem.Contains("--fail-chance", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--port", "70000", "--port")]
    [InlineData("--max-connections", "0", "--max-connections")]
    [InlineData("--max-line-bytes", "0", "--max-line-bytes")]
    [InlineData("--max-line-bytes", "16777217", "--max-line-bytes")]
    [InlineData("--idle-timeout", "0", "--idle-timeout")]
    [InlineData("--host", "example.invalid", "--host")]
    [InlineData("--fail", "every 0 of 5", "--fail")]
    [InlineData("--fail-mode", "explode", "--fail-mode")]
    [InlineData("--fail-chance", "1.5", "--fail")]
    [InlineData("--trace", " ", "--trace needs a file name")]
    public void CreateOptions_InvalidValue_AProblemNamingTheOption(string option, string value, string named)
    {
        Parse([option, value], out IReadOnlyList<string> problems);

        string problem = Assert.Single(problems);
        Assert.StartsWith(named, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateOptions_SeveralInvalidValues_EveryProblemReported()
    {
        Parse(["--port", "-1", "--max-connections", "0"], out IReadOnlyList<string> problems);

        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void CreateOptions_InvalidSpecAndInvalidMode_BothReported()
    {
        Parse(["--fail", "sometimes", "--fail-mode", "explode"], out IReadOnlyList<string> problems);

        Assert.Collection(
            problems,
            problem => Assert.StartsWith("--fail 'sometimes'", problem, StringComparison.Ordinal),
            problem => Assert.StartsWith("--fail-mode 'explode'", problem, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--port", "abc")]
    [InlineData("--bogus")]
    [InlineData("--log-level", "chatty")]
    public void Parse_UnparsableArguments_ParseErrors(params string[] args)
    {
        var commandLine = new ServerCommandLine();

        Assert.NotEmpty(commandLine.Parse(args).Errors);
    }

    [Fact]
    public void Help_ListsEveryOption()
    {
        var commandLine = new ServerCommandLine();
        using var output = new StringWriter();

        int exitCode = commandLine.Parse(["--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = output });

        Assert.Equal(0, exitCode);
        string help = output.ToString();
        foreach (string option in new[] { "--host", "--port", "--fail", "--fail-chance", "--fail_chance", "--fail-mode", "--seed", "--max-line-bytes", "--max-connections", "--idle-timeout", "--shutdown-timeout", "--log-level", "--trace" })
        {
            Assert.Contains(option, help, StringComparison.Ordinal);
        }
    }

    private static ServerOptions Parse(string[] args, out IReadOnlyList<string> problems)
    {
        var commandLine = new ServerCommandLine();
        var parseResult = commandLine.Parse(args);
        Assert.Empty(parseResult.Errors);
        return commandLine.CreateOptions(parseResult, out problems);
    }
}
