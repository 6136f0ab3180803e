using System.Text.Json;
using KeyValue.Client.Report;

namespace KeyValue.Client.Tests.Report;

/// <summary>Every number of the scorecard on <see cref="OutageScenario"/>, with and without the server's trace.</summary>
public class ScorecardTests
{
    [Fact]
    public void Score_WithServerTrace_TheRealPolicyFirstWithEveryNumberExactly()
    {
        using var directory = new TempDirectory();

        var real = OutageScenario.Report(directory, withServer: true).Scores[0];

        // ON at 3.5 s, first opening at 6 s after calls 4, 5, 6; the server faulted 4, 5, 6 and 8; call 7 rejected while
        // failing, call 9 after FAIL OFF at 8.5 s (healthy); closed at 10 s, 1.5 s after FAIL OFF.
        Assert.Equal(
            new PolicyScore(OutageScenario.Real, true, "policy fail-max 3", 2, 2500, 3, 4, 1, 1, 1500),
            real);
    }

    [Fact]
    public void Score_WithServerTrace_AShadowThatWouldHaveOpenedEarlierDetectsSoonerAndLetsFewerFaultsThrough()
    {
        using var directory = new TempDirectory();

        var earlier = OutageScenario.Report(directory, withServer: true).Scores[1];

        // Open at 5 s after calls 4 and 5; it would have rejected 6 (failing: saved) and 9 (healthy: lost), so of the
        // faulted 4, 5, 6, 8 it lets 4, 5, 8 through; open at FAIL OFF (reopened at 8 s), closed at 10 s.
        Assert.Equal(
            new PolicyScore(OutageScenario.Earlier, false, "policy fail-max 2", 2, 1500, 2, 3, 1, 1, 1500),
            earlier);
    }

    [Fact]
    public void Score_WithServerTrace_AShadowThatNeverOpensHasNoDetectionNoSavingsAndNoRecovery()
    {
        using var directory = new TempDirectory();

        var never = OutageScenario.Report(directory, withServer: true).Scores[2];

        Assert.Equal(new PolicyScore(OutageScenario.Never, false, "policy fail-max 5", 0, null, null, 4, 0, 0, null), never);
    }

    [Fact]
    public void Score_WithoutServerTrace_OnlyOpensAndTheShadowsLiveSavedAndLost()
    {
        using var directory = new TempDirectory();

        var scores = OutageScenario.Report(directory, withServer: false).Scores;

        // Shadow fail-max 2 would have rejected 6 (failed for real: saved) and 9 (rejected for real: neither).
        Assert.Equal(
            [
                new PolicyScore(OutageScenario.Real, true, "policy fail-max 3", 2, null, null, null, null, null, null),
                new PolicyScore(OutageScenario.Earlier, false, "policy fail-max 2", 2, null, null, null, 1, 0, null),
                new PolicyScore(OutageScenario.Never, false, "policy fail-max 5", 0, null, null, null, 0, 0, null),
            ],
            scores);
    }

    [Fact]
    public void Score_DegradedServer_DetectionStartsWithTheDegradedStretch()
    {
        using var directory = new TempDirectory();
        var client = new SyntheticClientTrace("fail-max 1", 60_000)
            .Call(1, 1, KeyValue.Client.Run.RequestOutcome.Ok, KeyValue.Client.Run.CircuitStatus.Closed)
            .Call(2, 3, KeyValue.Client.Run.RequestOutcome.Failed, KeyValue.Client.Run.CircuitStatus.Closed)
            .Transition(3, KeyValue.Client.Run.CircuitStatus.Closed, KeyValue.Client.Run.CircuitStatus.Open, "1 consecutive failure")
            .Call(3, 4, KeyValue.Client.Run.RequestOutcome.Rejected, KeyValue.Client.Run.CircuitStatus.Open);
        var server = new SyntheticServerTrace().Spec(0, "OFF", "command-line").Request(1).Spec(2, "EVERY 1ST OF 2").Request(3, "error");

        var report = RunReport.Build(
            ClientTraceFile.Read(directory.Write("c.jsonl", client.ToJsonLines(5))),
            ServerTraceFile.Read(directory.Write("s.jsonl", server.ToJsonLines())));

        Assert.Equal(new PolicyScore("fail-max 1", true, "policy fail-max 1", 1, 1000, 1, 1, 1, 0, null), report.Scores[0]);
    }

    [Fact]
    public void ScorecardJson_IsTheDocumentedShape_PoliciesInOrderAndNullsWritten()
    {
        using var directory = new TempDirectory();

        using var json = JsonDocument.Parse(ReportApplication.ScorecardJson(OutageScenario.Report(directory, withServer: false)));

        var policies = json.RootElement.GetProperty("policies").EnumerateArray().ToList();
        Assert.Equal([OutageScenario.Real, OutageScenario.Earlier, OutageScenario.Never], policies.Select(p => p.GetProperty("name").GetString()));
        Assert.True(policies[0].GetProperty("real").GetBoolean());
        Assert.Equal(2, policies[0].GetProperty("opens").GetInt32());
        Assert.Equal(JsonValueKind.Null, policies[0].GetProperty("detectionMs").ValueKind);
        Assert.Equal(
            ["name", "real", "description", "opens", "detectionMs", "detectionCalls", "faultedCalls", "savedCalls", "lostCalls", "recoveryMs"],
            policies[1].EnumerateObject().Select(p => p.Name));
        Assert.False(json.RootElement.GetProperty("serverTrace").GetBoolean());
    }
}
