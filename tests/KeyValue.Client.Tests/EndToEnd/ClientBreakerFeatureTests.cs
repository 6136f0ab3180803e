namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>
/// The breaker's second-edition features as a person meets them through the client, against the real server over real
/// sockets: shadow policies reporting when they would have opened, and a break as long as the server's retry-after.
/// </summary>
public class ClientBreakerFeatureTests
{
    [Fact]
    public async Task Run_WithShadows_PrintsAndTracesWhenEachWouldHaveOpenedWhileOnlyTheRealPolicyRejects()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL ON");

        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--fail-max", "5", "--reset-timeout", "60", "--number-requests", "8",
             "--shadow", "fail-max 2", "--shadow", "last 4 failures 3"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("shadow 'fail-max 2' would have OPENED at #2 (2 consecutive failures)", run.Output, StringComparison.Ordinal);
        Assert.Contains("shadow 'last 4 failures 3' would have OPENED at #3 (3 of the last 3 calls failed (opens at 3))", run.Output, StringComparison.Ordinal);
        Assert.Equal(
            [("fail-max 2", 2, "Closed", "Open"), ("last 4 failures 3", 3, "Closed", "Open")],
            run.Shadows.Select(s => (s.Name, s.Seq, s.From, s.To)));
        Assert.All(run.Shadows, s => Assert.True(s.HasSeq));

        // The shadows never reject: calls 1-5 reach the server and fail; only the real policy (5 in a row) opens.
        Assert.Equal(["failed", "failed", "failed", "failed", "failed", "rejected", "rejected", "rejected"], run.Requests.Select(r => r.Outcome));
        var opened = Assert.Single(run.Transitions);
        Assert.Equal("5 consecutive failures", opened.Reason);
    }

    [Fact]
    public async Task Run_ShadowLinesComeRightAfterTheCallThatCausedThem()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL NEXT 2");

        var run = await ClientRunner.RunOnFakeClockAsync(["--port", server.Port(), "--fail-max", "3", "--number-requests", "3", "--shadow", "fail-max 2"]);

        var lines = run.Output.Split('\n');
        var second = Array.FindIndex(lines, l => l.StartsWith("#2 ", StringComparison.Ordinal));
        Assert.Contains("shadow 'fail-max 2' would have OPENED at #2", lines[second + 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServerAsksForARetryAfter_TheBreakLastsExactlyThatLongWhateverTheResetTimeoutSays()
    {
        await using var server = await TestServer.StartAsync();
        server.Type("FAIL MODE ERROR RETRY-AFTER 3s");
        server.Type("FAIL ON");

        // Calls every 0.5 s: 1 and 2 fail with retry-after=3000 and the circuit opens at 0.5 s for 3 s (not the 10 s of
        // --reset-timeout); 3-7 are rejected; 8, at 3.5 s, is the trial and succeeds once the server is healthy again.
        var run = await ClientRunner.RunOnFakeClockAsync(
            ["--port", server.Port(), "--fail-max", "2", "--reset-timeout", "10", "--interval", "500", "--number-requests", "10"],
            afterRequest: n =>
            {
                if (n == 2)
                {
                    server.Type("FAIL OFF");
                }
            });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["Closed->Open", "Open->HalfOpen", "HalfOpen->Closed"], run.TransitionPath);
        var opened = run.Transitions[0];
        Assert.Equal(3000, opened.BreakMs);
        Assert.Equal(3000, opened.RetryAfterMs);
        Assert.Contains("retry-after of 3 s", opened.Reason, StringComparison.Ordinal);
        Assert.Equal(opened.Time!.Value.AddSeconds(3), run.Transitions[1].Time);
        Assert.All(run.Requests.Take(2), r => Assert.StartsWith("ERR UNAVAILABLE retry-after=3000", r.Reply, StringComparison.Ordinal));
        Assert.Equal(["failed", "failed", "rejected", "rejected", "rejected", "rejected", "rejected", "ok", "ok", "ok"], run.Requests.Select(r => r.Outcome));
        Assert.Equal("HalfOpen", run.Requests[7].State);
        Assert.Contains("---- circuit OPENED: 2 consecutive failures; break 3 s as the provider's retry-after of 3 s asks; trial in 3 s", run.Output, StringComparison.Ordinal);
    }
}
