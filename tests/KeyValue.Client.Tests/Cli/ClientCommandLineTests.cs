using KeyValue.Client.Cli;

namespace KeyValue.Client.Tests.Cli;

public class ClientCommandLineTests
{
    [Fact]
    public async Task InvokeAsync_NoArguments_UsesTheDocumentedDefaults()
    {
        var (exitCode, options, _, _) = await ParseAsync();

        Assert.Equal(0, exitCode);
        Assert.NotNull(options);
        Assert.Equal("127.0.0.1", options.Host);
        Assert.Equal(7379, options.Port);
        Assert.Equal(10, options.NumberOfRequests);
        Assert.Equal(PolicyKind.ConsecutiveFailures, options.Policy.Kind);
        Assert.Equal(3, options.Policy.FailMax);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ResetTimeout);
        Assert.Equal(1, options.HalfOpenMaxCalls);
        Assert.Equal(TimeSpan.FromMilliseconds(1000), options.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.Interval);
        Assert.Null(options.TracePath);
        Assert.False(options.Interactive);
        Assert.Null(options.Duration);
        Assert.Null(options.RunId);
        Assert.Equal("kv-client", options.Name);
        Assert.Null(options.SharedState);
    }

    [Fact]
    public async Task InvokeAsync_NameAndSharedState_AreRead()
    {
        var (exitCode, options, _, _) = await ParseAsync("--name", "orders.v2", "--shared-state", "127.0.0.1:6379");

        Assert.Equal(0, exitCode);
        Assert.Equal("orders.v2", options!.Name);
        Assert.Equal("127.0.0.1:6379", options.SharedState);
    }

    [Fact]
    public async Task InvokeAsync_NumberRequestsZeroWithDuration_RunsUntilStoppedForThatLong()
    {
        var (exitCode, options, _, _) = await ParseAsync("--number-requests", "0", "--duration", "2.5");

        Assert.Equal(0, exitCode);
        Assert.Equal(ClientOptions.UntilStopped, options!.NumberOfRequests);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.Duration);
    }

    [Fact]
    public async Task InvokeAsync_NumberRequestsZeroAlone_IsAccepted()
    {
        var (exitCode, options, _, _) = await ParseAsync("--number-requests", "0");

        Assert.Equal(0, exitCode);
        Assert.Equal(0, options!.NumberOfRequests);
        Assert.Null(options.Duration);
    }

    [Fact]
    public async Task InvokeAsync_RunId_IsRead()
    {
        var (exitCode, options, _, _) = await ParseAsync("--run-id", "a3f9.2_x-1");

        Assert.Equal(0, exitCode);
        Assert.Equal("a3f9.2_x-1", options!.RunId);
    }

    [Fact]
    public async Task InvokeAsync_OriginalBriefUnderscoreAliases_AreAccepted()
    {
        var (exitCode, options, _, _) = await ParseAsync("--fail_max", "5", "--reset_timeout", "2.5", "--number_requests", "7");

        Assert.Equal(0, exitCode);
        Assert.Equal(5, options!.Policy.FailMax);
        Assert.Equal(TimeSpan.FromSeconds(2.5), options.ResetTimeout);
        Assert.Equal(7, options.NumberOfRequests);
    }

    [Fact]
    public async Task InvokeAsync_WindowAndThresholdWithoutResetTimeout_ClosesByItself()
    {
        var (exitCode, options, _, _) = await ParseAsync("--window", "10", "--threshold", "5");

        Assert.Equal(0, exitCode);
        Assert.Equal(PolicyKind.RollingWindow, options!.Policy.Kind);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Policy.Window);
        Assert.Equal(5, options.Policy.Threshold);
        Assert.Null(options.ResetTimeout);
    }

    [Fact]
    public async Task InvokeAsync_WindowAndThresholdWithResetTimeout_UsesHalfOpen()
    {
        var (_, options, _, _) = await ParseAsync("--window", "10", "--threshold", "5", "--reset-timeout", "3");

        Assert.Equal(TimeSpan.FromSeconds(3), options!.ResetTimeout);
    }

    [Fact]
    public async Task InvokeAsync_RatioPolicy_ReadsAllThreeOptions()
    {
        var (exitCode, options, _, _) = await ParseAsync("--failure-ratio", "0.5", "--min-throughput", "4", "--window", "2", "--half-open-max", "2");

        Assert.Equal(0, exitCode);
        Assert.Equal(PolicyKind.FailureRatio, options!.Policy.Kind);
        Assert.Equal(0.5, options.Policy.FailureRatio);
        Assert.Equal(4, options.Policy.MinimumThroughput);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Policy.Window);
        Assert.Equal(TimeSpan.FromSeconds(10), options.ResetTimeout);
        Assert.Equal(2, options.HalfOpenMaxCalls);
    }

    [Fact]
    public async Task InvokeAsync_TimingTraceAndInteractive_AreRead()
    {
        var (_, options, _, _) = await ParseAsync("--timeout", "250", "--interval", "0", "--trace", "run.jsonl", "--interactive", "--host", "localhost", "--port", "9000");

        Assert.Equal(TimeSpan.FromMilliseconds(250), options!.Timeout);
        Assert.Equal(TimeSpan.Zero, options.Interval);
        Assert.Equal("run.jsonl", options.TracePath);
        Assert.True(options.Interactive);
        Assert.Equal("localhost", options.Host);
        Assert.Equal(9000, options.Port);
    }

    [Theory]
    [InlineData("--fail-max", "0")]
    [InlineData("--fail-max", "three")]
    [InlineData("--port", "0")]
    [InlineData("--port", "70000")]
    [InlineData("--number-requests", "-1")]
    [InlineData("--duration", "0")]
    [InlineData("--duration", "-1")]
    [InlineData("--duration", "86401")]
    [InlineData("--run-id", "")]
    [InlineData("--run-id", "a b")]
    [InlineData("--run-id", "abcdefghijklmnopqrstuvwxyz0123456")]
    [InlineData("--interactive", "--duration", "5")]
    [InlineData("--interactive", "--run-id", "r1")]
    [InlineData("--reset-timeout", "0")]
    [InlineData("--reset-timeout", "-1")]
    [InlineData("--reset-timeout", "NaN")]
    [InlineData("--timeout", "0")]
    [InlineData("--timeout", "3600001")]
    [InlineData("--interval", "-1")]
    [InlineData("--half-open-max", "0")]
    [InlineData("--host", "")]
    [InlineData("--no-such-option")]
    [InlineData("--threshold", "3")]
    [InlineData("--window", "10")]
    [InlineData("--window", "0", "--threshold", "1")]
    [InlineData("--window", "10", "--threshold", "-1")]
    [InlineData("--failure-ratio", "0.5")]
    [InlineData("--failure-ratio", "0.5", "--window", "10")]
    [InlineData("--failure-ratio", "1.5", "--window", "10", "--min-throughput", "5")]
    [InlineData("--failure-ratio", "0", "--window", "10", "--min-throughput", "5")]
    [InlineData("--failure-ratio", "0.5", "--window", "10", "--min-throughput", "0")]
    [InlineData("--min-throughput", "5", "--window", "10")]
    [InlineData("--window", "10", "--threshold", "3", "--failure-ratio", "0.5", "--min-throughput", "5")]
    [InlineData("--window", "10", "--threshold", "3", "--fail-max", "3")]
    [InlineData("--interactive", "--number-requests", "5")]
    [InlineData("--name", "")]
    [InlineData("--name", "a b")]
    [InlineData("--shared-state", "localhost")]
    [InlineData("--shared-state", ":6379")]
    [InlineData("--shared-state", "127.0.0.1:0")]
    [InlineData("--shared-state", "127.0.0.1:65536")]
    [InlineData("--shared-state", "127.0.0.1:port")]
    public async Task InvokeAsync_InvalidOrInconsistentOptions_ExitTwoWithAMessageAndNeverRun(params string[] args)
    {
        var (exitCode, options, _, error) = await ParseAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Null(options);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains("--help", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--fail-max", "0", "--fail-max must be 1 or more, not 0.")]
    [InlineData("--threshold", "3", "--threshold needs --window <s>")]
    [InlineData("--port", "70000", "--port must be from 1 to 65535, not 70000.")]
    [InlineData("--number-requests", "-1", "--number-requests must be 0 or more, not -1.")]
    [InlineData("--duration", "0", "--duration must be more than 0 and at most 86400 seconds, not 0.")]
    [InlineData("--run-id", "a/b", "--run-id must be 1 to 32 letters, digits, '.', '_' or '-', not 'a/b'.")]
    [InlineData("--name", "a/b", "--name must be 1 to 64 letters, digits, '.', '_' or '-', not 'a/b'.")]
    [InlineData("--shared-state", "redis", "--shared-state must be host:port (a port from 1 to 65535), e.g. 127.0.0.1:6379, not 'redis'.")]
    public async Task InvokeAsync_InvalidOption_MessageNamesTheProblem(string option, string value, string expected)
    {
        var (_, _, _, error) = await ParseAsync(option, value);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_Help_ListsEveryOptionAndExitsZeroWithoutRunning()
    {
        var (exitCode, options, output, _) = await ParseAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Null(options);
        foreach (var name in new[]
        {
            "--host", "--port", "--number-requests", "--number_requests", "--fail-max", "--fail_max", "--reset-timeout",
            "--reset_timeout", "--window", "--threshold", "--failure-ratio", "--min-throughput", "--half-open-max",
            "--timeout", "--interval", "--trace", "--interactive", "--duration", "--run-id", "--name", "--shared-state",
        })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InvokeAsync_LastAndFailures_ChooseTheLastCallsPolicy()
    {
        var (exitCode, options, _, _) = await ParseAsync("--last", "10", "--failures", "4");

        Assert.Equal(0, exitCode);
        Assert.Equal(PolicyKind.LastCalls, options!.Policy.Kind);
        Assert.Equal((10, 4), (options.Policy.LastCalls, options.Policy.LastFailures));
        Assert.Equal("4 failures in the last 10 calls", options.Policy.ToBreakerPolicy().ToString());
    }

    [Theory]
    [InlineData(new[] { "--last", "10" }, "--last <m> and --failures <n> go together")]
    [InlineData(new[] { "--failures", "4" }, "--last <m> and --failures <n> go together")]
    [InlineData(new[] { "--last", "3", "--failures", "4" }, "--failures (4) cannot exceed --last (3).")]
    [InlineData(new[] { "--last", "0", "--failures", "0" }, "--last must be from 1 to 100000, not 0.")]
    [InlineData(new[] { "--last", "100001", "--failures", "1" }, "--last must be from 1 to 100000, not 100001.")]
    [InlineData(new[] { "--last", "10", "--failures", "4", "--fail-max", "2" }, "--fail-max belongs to the consecutive-failures policy")]
    [InlineData(new[] { "--last", "10", "--failures", "4", "--window", "5", "--threshold", "1" }, "Choose one policy")]
    public async Task InvokeAsync_InconsistentLastCalls_ExitTwoNamingTheProblem(string[] args, string expected)
    {
        var (exitCode, options, _, error) = await ParseAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvokeAsync_LastAtItsLimit_IsAccepted()
    {
        var (exitCode, options, _, _) = await ParseAsync("--last", "100000", "--failures", "100000");

        Assert.Equal(0, exitCode);
        Assert.Equal(100_000, options!.Policy.LastFailures);
    }

    [Theory]
    [InlineData("fail-max 5", nameof(PolicyKind.ConsecutiveFailures), "5 consecutive failures")]
    [InlineData("window 10 threshold 3", nameof(PolicyKind.RollingWindow), "4 failures in 10 s")]
    [InlineData("failure-ratio 0.5 min-throughput 4 window 10", nameof(PolicyKind.FailureRatio), "failure ratio 0.5 over 10 s (minimum 4 calls)")]
    [InlineData("last 10 failures 4", nameof(PolicyKind.LastCalls), "4 failures in the last 10 calls")]
    public async Task InvokeAsync_Shadow_ReadsItsWordsAsThePolicyOptions(string words, string kind, string policy)
    {
        var (exitCode, options, _, _) = await ParseAsync("--shadow", words);

        Assert.Equal(0, exitCode);
        var shadow = Assert.Single(options!.Shadows);
        Assert.Equal(words, shadow.Name);
        Assert.Equal(kind, shadow.Policy.Kind.ToString());
        Assert.Equal(policy, shadow.Policy.ToBreakerPolicy().ToString());
        Assert.Equal(PolicyKind.ConsecutiveFailures, options.Policy.Kind);
    }

    [Fact]
    public async Task InvokeAsync_ShadowRepeated_KeepsEveryShadowInOrderWithItsWordsOneSpaceApart()
    {
        var (_, options, _, _) = await ParseAsync("--shadow", "fail-max  5", "--shadow", "last 10 failures 4");

        Assert.Equal(["fail-max 5", "last 10 failures 4"], options!.Shadows.Select(s => s.Name));
    }

    [Theory]
    [InlineData("port 5", "'port' is not a policy option")]
    [InlineData("fail-max", "give the policy as option-value pairs")]
    [InlineData("", "give the policy as option-value pairs")]
    [InlineData("threshold 3", "--threshold needs --window <s>")]
    [InlineData("fail-max 0", "--fail-max must be 1 or more, not 0.")]
    [InlineData("fail-max five", "five")]
    [InlineData("last 3 failures 4", "--failures (4) cannot exceed --last (3).")]
    public async Task InvokeAsync_InvalidShadow_ExitTwoNamingTheShadowAndTheProblem(string words, string expected)
    {
        var (exitCode, options, _, error) = await ParseAsync("--shadow", words);

        Assert.Equal(2, exitCode);
        Assert.Null(options);
        Assert.Contains($"--shadow '{words}': ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, ClientOptions? Options, string Output, string Error)> ParseAsync(params string[] args)
    {
        ClientOptions? seen = null;
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await new ClientCommandLine().InvokeAsync(
            args,
            (options, _) =>
            {
                seen = options;
                return Task.FromResult(0);
            },
            output,
            error,
            CancellationToken.None);
        return (exitCode, seen, output.ToString(), error.ToString());
    }
}
