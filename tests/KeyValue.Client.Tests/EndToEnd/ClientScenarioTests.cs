using System.Globalization;
using System.Text.RegularExpressions;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>
/// The real client against the real server over real sockets, one run per scenario, judged by the trace.
/// The client's clock is fake wherever no request has to wait for time to pass: the interval between
/// requests is a clock advance, so a run with a 10 s reset timeout takes milliseconds.
/// </summary>
public class ClientScenarioTests
{
    [Fact]
    public async Task Run_HealthyServer_EveryCallOkAndTheCircuitStaysClosed()
    {
        await using var server = await TestServer.StartAsync();

        var run = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--number-requests", "20"]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Requests, r => Assert.Equal(("ok", "Closed"), (r.Outcome, r.State)));
        Assert.Empty(run.Transitions);
        Assert.Equal((20, 20, 0, 0, 0), Counts(run.Summary));
        Assert.Equal(["OK", "VALUE v1", "OK", "VALUE v3", "DELETED", "NOT_FOUND", "OK", "VALUE v3", "DELETED", "VALUE v7"], run.Requests.Take(10).Select(r => r.Reply));
    }

    [Fact]
    public async Task Run_FailOnWithFailMaxThree_CallsOneToThreeFailAndTheRestAreRejectedWithoutReachingTheServer()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL ON");

        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--fail-max", "3", "--reset-timeout", "10", "--number-requests", "10", "--interval", "500"]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Requests.Take(3), r =>
        {
            Assert.Equal(("failed", "Closed"), (r.Outcome, r.State));
            Assert.StartsWith("ERR UNAVAILABLE", r.Reply, StringComparison.Ordinal);
        });
        Assert.All(run.Requests.Skip(3), r => Assert.Equal(("rejected", "Open"), (r.Outcome, r.State)));
        var opened = Assert.Single(run.Transitions);
        Assert.Equal(("Closed", "Open", "3 consecutive failures"), (opened.From, opened.To, opened.Reason));
        Assert.Equal((10, 0, 3, 7, 0), Counts(run.Summary));
        Assert.Equal(3, DataRequestsSeenBy(server.ExecuteConsoleCommand("STATUS")));
        Assert.Contains("never reached the server; next trial in 8.5 s", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_OutageAndRecovery_GoesClosedOpenHalfOpenClosedInThatOrder()
    {
        await using var server = await TestServer.StartAsync();

        // Requests 1-4 healthy; the operator types FAIL ON, so 5-7 fail and the circuit opens; FAIL OFF at
        // once, yet calls stay rejected until the 3 s reset timeout ends; the trial succeeds and it closes.
        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--fail-max", "3", "--reset-timeout", "3", "--number-requests", "16", "--interval", "1000"],
            afterRequest: n =>
            {
                if (n == 4)
                {
                    server.Type("FAIL ON");
                }
                else if (n == 7)
                {
                    server.Type("FAIL OFF");
                }
            });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Closed->Open", "Open->HalfOpen", "HalfOpen->Closed"], run.TransitionPath);
        Assert.Equal(["ok", "ok", "ok", "ok", "failed", "failed", "failed", "rejected", "rejected", "ok"], run.Requests.Take(10).Select(r => r.Outcome));
        var trial = run.Requests[9];
        Assert.Equal("HalfOpen", trial.State);
        Assert.All(run.Requests.Skip(10), r => Assert.Equal(("ok", "Closed"), (r.Outcome, r.State)));
        Assert.Equal((16, 11, 3, 2, 0), Counts(run.Summary));
        Assert.True(run.Transitions[1].Time >= run.Transitions[0].Time!.Value.AddSeconds(3));
    }

    [Fact]
    public async Task Run_RollingWindow_OpensWhenTheWindowsFailuresExceedTheThresholdAndClosesAsTheyAgeOut()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL NEXT 3");

        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--window", "5", "--threshold", "2", "--number-requests", "20", "--interval", "500"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Closed->Open", "Open->Closed"], run.TransitionPath);
        Assert.Equal(["failed", "failed", "failed", "rejected"], run.Requests.Take(4).Select(r => r.Outcome));
        var opened = run.Transitions[0];
        var closed = run.Transitions[1];
        var firstFailure = run.Requests[0].Time!.Value;
        var lastFailure = run.Requests[2].Time!.Value;

        // Failures leave the window at the edge of their 0.5 s bucket: between 4.5 s and 5 s after they happened.
        Assert.InRange(closed.Time!.Value - firstFailure, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(5.5));
        Assert.True(closed.Time < lastFailure.AddSeconds(5), "closed once only two failures were left in the window");
        Assert.Equal(lastFailure, opened.Time);
        var afterClosing = run.Requests.Where(r => r.Time > closed.Time).ToList();
        Assert.NotEmpty(afterClosing);
        Assert.All(afterClosing, r => Assert.Equal(("ok", "Closed"), (r.Outcome, r.State)));
        Assert.All(run.Requests.Where(r => r.Time > opened.Time && r.Time < closed.Time), r => Assert.Equal("rejected", r.Outcome));
        Assert.Equal(0, run.Summary.Violations);
        Assert.Equal(3, run.Summary.Failed);
    }

    [Fact]
    public async Task Run_OccasionalFailuresEveryThirdOfFive_NeverOpenWithFailMaxThree()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL EVERY 3RD OF 5");

        var run = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--fail-max", "3", "--number-requests", "15"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Transitions);
        Assert.Equal([3, 8, 13], run.Requests.Where(r => r.Outcome == "failed").Select(r => r.Seq));
        Assert.Equal((15, 12, 3, 0, 0), Counts(run.Summary));
    }

    [Fact]
    public async Task Run_HangingServer_CallsFailByTimeoutThenAreRejected()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE HANG");
        server.Type("FAIL ON");

        var run = await ClientRunner.RunOnSystemClockAsync(
            ["--port", server.Port(), "--fail-max", "3", "--timeout", "100", "--interval", "0", "--number-requests", "5"]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Requests.Take(3), r =>
        {
            Assert.Equal("failed", r.Outcome);
            Assert.Null(r.Reply);
            Assert.Equal("timeout: no reply within 100 ms", r.Error);
            Assert.True(r.LatencyMs >= 95, $"a timeout after {r.LatencyMs} ms");
        });
        Assert.All(run.Requests.Skip(3), r => Assert.Equal("rejected", r.Outcome));
        Assert.Equal(["Closed->Open"], run.TransitionPath);
        Assert.Equal((5, 0, 3, 2, 0), Counts(run.Summary));
    }

    [Fact]
    public async Task Run_NoServerAtAll_FailuresThenRejectionsAndExitZero()
    {
        var port = TestServer.UnusedPort();

        var run = await ClientRunner.RunOnFakeClockAsync(["--port", port, "--fail-max", "3", "--number-requests", "6"]);

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Requests.Take(3), r =>
        {
            Assert.Equal("failed", r.Outcome);
            Assert.Equal($"connection refused by 127.0.0.1:{port}", r.Error);
        });
        Assert.All(run.Requests.Skip(3), r => Assert.Equal("rejected", r.Outcome));
        Assert.Equal((6, 0, 3, 3, 0), Counts(run.Summary));
        Assert.Matches(@"\| rejected\s+\|\s+3 \|", run.Output);
    }

    [Fact]
    public async Task Run_ServerDropsConnections_FailuresAndTheClientReconnectsAfterwards()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE DROP");
        server.Type("FAIL NEXT 2");

        var run = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--fail-max", "3", "--number-requests", "6"]);

        Assert.Equal(["failed", "failed", "ok", "ok", "ok", "ok"], run.Requests.Select(r => r.Outcome));
        Assert.All(run.Requests.Take(2), r => Assert.Equal("connection lost: closed by the server", r.Error));
        Assert.Empty(run.Transitions);
        Assert.Equal(0, run.Summary.Violations);
    }

    [Fact]
    public async Task Run_RatioPolicy_OpensAtTheRatioOnceTheMinimumThroughputIsReached()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL PATTERN .x");

        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--failure-ratio", "0.5", "--min-throughput", "4", "--window", "60", "--number-requests", "6"]);

        Assert.Equal(["ok", "failed", "ok", "failed", "rejected", "rejected"], run.Requests.Select(r => r.Outcome));
        Assert.Equal(["Closed->Open"], run.TransitionPath);
        Assert.Equal(0, run.Summary.Violations);
    }

    [Fact]
    public async Task Run_Interactive_SendsEachTypedLineThroughTheBreakerAndExitsAtEndOfInput()
    {
        await using var server = await TestServer.StartAsync();

        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--interactive"],
            input: "SET a hello world\nGET a\n\nFROB a\nDEL a\nGET a\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["OK", "VALUE hello world", "ERR UNKNOWN_COMMAND", "DELETED", "NOT_FOUND"], run.Requests.Select(r => r.Reply?.Split(' ')[0] == "ERR" ? "ERR UNKNOWN_COMMAND" : r.Reply));
        Assert.All(run.Requests, r => Assert.Equal("ok", r.Outcome));
        Assert.Equal("FROB", run.Requests[2].Command);
        Assert.Equal((5, 5, 0, 0, 0), Counts(run.Summary));
    }

    [Fact]
    public async Task Run_InvalidOptions_ExitTwoWithoutATrace()
    {
        var run = await ClientRunner.RunOnFakeClockAsync(["--fail-max", "0"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--fail-max must be 1 or more", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Trace);
    }

    private static (int Requests, int Ok, int Failed, int Rejected, int Violations) Counts(TraceLine summary) =>
        (summary.Requests, summary.Ok, summary.Failed, summary.Rejected, summary.Violations);

    private static int DataRequestsSeenBy(string status)
    {
        var match = Regex.Match(status, @", data requests (\d+),", RegexOptions.CultureInvariant);
        Assert.True(match.Success, status);
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
