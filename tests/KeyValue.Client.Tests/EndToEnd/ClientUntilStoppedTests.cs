using System.Diagnostics;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>
/// The client for a session by hand: <c>--number-requests 0</c> keeps going until Ctrl+C or the end of
/// <c>--duration</c>, and the summary is written either way; <c>--run-id</c> keeps one run's values apart from another's.
/// </summary>
public class ClientUntilStoppedTests
{
    [Fact]
    public async Task Run_NumberRequestsZeroWithDuration_SendsUntilTheDurationEndsThenSummarisesAndExitsZero()
    {
        await using var server = await TestServer.StartAsync();

        // On the fake clock the requests go at 0, 0.5 s, ... 4.5 s; at 5 s the duration is over and none starts.
        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--number-requests", "0", "--duration", "5", "--interval", "500"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Enumerable.Range(1, 10), run.Requests.Select(r => r.Seq));
        Assert.Equal(10, run.Summary.Requests);
        Assert.Contains("requests for 5 s (or until Ctrl+C), one every 500 ms", run.Output, StringComparison.Ordinal);
        Assert.Contains("Summary", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("interrupted", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NumberRequestsAndDuration_WhicheverEndsFirst()
    {
        await using var server = await TestServer.StartAsync();

        var byCount = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--number-requests", "4", "--duration", "60"]);
        var byDuration = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--number-requests", "100", "--duration", "2", "--interval", "1000"]);

        Assert.Equal((0, 4), (byCount.ExitCode, byCount.Summary.Requests));
        Assert.Equal((0, 2), (byDuration.ExitCode, byDuration.Summary.Requests));
        Assert.Contains("100 requests or 2 s, whichever ends first", byDuration.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DurationOnTheRealClock_EndsTheWaitBetweenRequestsWithoutWaitingItOut()
    {
        await using var server = await TestServer.StartAsync();
        var clock = Stopwatch.StartNew();

        var run = await ClientRunner.RunOnSystemClockAsync(
            ["--port", server.Port(), "--number-requests", "0", "--duration", "0.3", "--interval", "20000"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, run.Summary.Requests);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"the run took {clock.Elapsed}: it waited out the 20 s interval");
    }

    [Fact]
    public async Task Run_NumberRequestsZero_CtrlC_PrintsTheSummaryAndExits130()
    {
        await using var server = await TestServer.StartAsync();
        using var ctrlC = new CancellationTokenSource();

        // No count and no duration: only Ctrl+C (here: the token, cancelled after request 25) ends the run.
        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--number-requests", "0"],
            afterRequest: n =>
            {
                if (n == 25)
                {
                    ctrlC.Cancel();
                }
            },
            cancellationToken: ctrlC.Token);

        Assert.Equal(130, run.ExitCode);
        Assert.Equal(25, run.Requests.Count);
        Assert.Equal((25, 25, 0), (run.Summary.Requests, run.Summary.Ok, run.Summary.Violations));
        Assert.Contains("requests until Ctrl+C, one every 500 ms", run.Output, StringComparison.Ordinal);
        var interrupted = run.Output.IndexOf("interrupted", StringComparison.Ordinal);
        Assert.True(interrupted >= 0, run.Output);
        Assert.True(run.Output.IndexOf("Summary", StringComparison.Ordinal) > interrupted, "the summary follows the interruption");
        Assert.Matches(@"\| requests\s+\|\s+25 \|", run.Output);
    }

    [Fact]
    public async Task Run_RunId_EveryWrittenValueCarriesItSoARunReadsOnlyItsOwnValues()
    {
        await using var server = await TestServer.StartAsync();

        var first = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--number-requests", "4", "--run-id", "first"]);
        server.Type("FAIL NEXT 1");
        var second = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--number-requests", "2", "--run-id", "second"]);

        Assert.Equal(["OK", "VALUE v1-first", "OK", "VALUE v3-first"], first.Requests.Select(r => r.Reply));

        // The second run's SET fails, so its GET reads what the first run left: a value that says whose it is.
        Assert.Equal(["failed", "ok"], second.Requests.Select(r => r.Outcome));
        Assert.Equal("VALUE v1-first", second.Requests[1].Reply);
        Assert.Equal(0, second.Summary.Violations);
    }
}
