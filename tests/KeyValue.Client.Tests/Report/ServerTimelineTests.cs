using KeyValue.Client.Report;
using KeyValue.Faults;

namespace KeyValue.Client.Tests.Report;

public class ServerTimelineTests
{
    [Theory]
    [InlineData("OFF", "Healthy")]
    [InlineData("ON", "Failing")]
    [InlineData("NEXT 3", "Failing")]
    [InlineData("FOR 5s", "Failing")]
    [InlineData("EVERY 3RD OF 5", "Degraded")]
    [InlineData("PATTERN ..x", "Degraded")]
    [InlineData("PATTERN ...", "Healthy")]
    [InlineData("CHANCE 0.3 SEED 42", "Degraded")]
    [InlineData("CHANCE 0", "Healthy")]
    public void Classify_BySpec_AsTheIssueDefinesIt(string spec, string expected) =>
        Assert.Equal(Enum.Parse<ServerCondition>(expected), ServerTimeline.Classify(FaultSpec.Parse(spec)));

    [Fact]
    public void Build_StretchesAreClippedToTheRunAndAForIsFailingOnlyUntilItRunsOut()
    {
        using var directory = new TempDirectory();
        var trace = ServerTraceFile.Read(directory.Write("s.jsonl", new SyntheticServerTrace()
            .Spec(-5, "OFF", "command-line")
            .Spec(1, "FOR 2s")
            .Spec(6, "OFF", "expired")
            .Spec(20, "ON")
            .ToJsonLines()));

        var timeline = ServerTimeline.Build(trace, SyntheticClientTrace.At(0), SyntheticClientTrace.At(10));

        Assert.Equal(
            [(0.0, 1.0, ServerCondition.Healthy), (1, 3, ServerCondition.Failing), (3, 6, ServerCondition.Healthy), (6, 10, ServerCondition.Healthy)],
            timeline.Stretches.Select(s => ((s.Start - SyntheticClientTrace.Start).TotalSeconds, (s.End - SyntheticClientTrace.Start).TotalSeconds, s.Condition)));
        Assert.Equal(SyntheticClientTrace.At(1), timeline.FirstTrouble());
        Assert.Equal(SyntheticClientTrace.At(3), timeline.LastFailingEnd());
    }

    [Fact]
    public void ConditionAt_BeforeTheFirstSpecLine_IsUnknown()
    {
        using var directory = new TempDirectory();
        var trace = ServerTraceFile.Read(directory.Write("s.jsonl", new SyntheticServerTrace().Spec(2, "ON").ToJsonLines()));

        var timeline = ServerTimeline.Build(trace, SyntheticClientTrace.At(0), SyntheticClientTrace.At(4));

        Assert.Null(timeline.ConditionAt(SyntheticClientTrace.At(1)));
        Assert.Equal(ServerCondition.Failing, timeline.ConditionAt(SyntheticClientTrace.At(2)));
        Assert.Null(timeline.LastFailingEnd());
    }
}
