using KeyValue.Client.Report;
using KeyValue.Client.Trace;

namespace KeyValue.Client.Tests.Report;

/// <summary>The traces of <see cref="RealOutageRun"/> — what the client and the server really wrote — read back and scored.</summary>
public class RealRunReportTests
{
    [Fact]
    public async Task ClientTrace_OfARealRun_StartsWithTheRunLineAndEndsWithACompleteSummary()
    {
        using var directory = new TempDirectory();
        await RealOutageRun.RunAsync(directory.File("run.jsonl"), directory.File("server.jsonl"));

        var trace = ClientTraceFile.Read(directory.File("run.jsonl"));

        var run = trace.Run;
        Assert.Equal(
            (RealOutageRun.Start, "fail-max 3", "opens after 3 consecutive failures", (double?)2500, 1),
            (run.Time, run.Policy, run.Description, run.ResetTimeoutMs, run.HalfOpenMax));
        Assert.Equal([new ShadowPolicyTraceRecord("fail-max 2", "opens after 2 consecutive failures")], run.Shadows);
        var summary = trace.Summary!;
        Assert.Equal((16, 11, 3, 2, 0, 3), (summary.Requests, summary.Ok, summary.Failed, summary.Rejected, summary.Violations, summary.Transitions));
        Assert.Equal((12_000.0, 2500.0, 500.0), (summary.TimeClosedMs, summary.TimeOpenMs, summary.TimeHalfOpenMs));
        Assert.Equal(RealOutageRun.Start.AddSeconds(15), summary.Time);

        // Would have rejected call 7 (failed for real: saved); 8 and 9 were rejected for real (neither).
        Assert.Equal([new ShadowSummaryTraceRecord("fail-max 2", 1, 1, 0)], summary.Shadows);
    }

    [Fact]
    public async Task Scorecard_OfARealRun_TheLiveSummaryAndTheReportCountAlike()
    {
        using var directory = new TempDirectory();
        await RealOutageRun.RunAsync(directory.File("run.jsonl"), directory.File("server.jsonl"));
        var client = ClientTraceFile.Read(directory.File("run.jsonl"));

        var clientOnly = RunReport.Build(client, null).Scores[1];
        var withServer = RunReport.Build(client, ServerTraceFile.Read(directory.File("server.jsonl"))).Scores;

        var live = client.Summary!.Shadows[0];
        Assert.Equal((live.Opens, live.Saved, live.Lost), (clientOnly.Opens, clientOnly.SavedCalls!.Value, clientOnly.LostCalls!.Value));

        // FAIL ON at 3.5 s, FAIL OFF at 6.5 s: calls 8 and 9 were rejected while the server was healthy again (lost).
        Assert.Equal(new PolicyScore("fail-max 3", true, "opens after 3 consecutive failures", 1, 2500, 3, 3, 0, 2, 2500), withServer[0]);
        Assert.Equal(new PolicyScore("fail-max 2", false, "opens after 2 consecutive failures", 1, 1500, 2, 2, 1, 2, 2500), withServer[1]);
    }
}
