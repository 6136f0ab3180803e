using KeyValue.Client.Run;

namespace KeyValue.Client.Tests.Run;

public class RunStatisticsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Finish_CountsEachOutcomeAndRequestsIsTheirSum()
    {
        var statistics = new RunStatistics(Start, CircuitStatus.Closed);
        statistics.Add(Record(RequestOutcome.Ok));
        statistics.Add(Record(RequestOutcome.Ok));
        statistics.Add(Record(RequestOutcome.Failed));
        statistics.Add(Record(RequestOutcome.Rejected));
        statistics.AddViolation();

        var summary = statistics.Finish(Start);

        Assert.Equal(4, summary.Requests);
        Assert.Equal(2, summary.Ok);
        Assert.Equal(1, summary.Failed);
        Assert.Equal(1, summary.Rejected);
        Assert.Equal(1, summary.Violations);
    }

    [Fact]
    public void Finish_TimeInEachState_FollowsTheTransitions()
    {
        var statistics = new RunStatistics(Start, CircuitStatus.Closed);
        statistics.Add(new TransitionRecord(Start.AddSeconds(2), CircuitStatus.Closed, CircuitStatus.Open, "x", null));
        statistics.Add(new TransitionRecord(Start.AddSeconds(12), CircuitStatus.Open, CircuitStatus.HalfOpen, "x", null));
        statistics.Add(new TransitionRecord(Start.AddSeconds(12.5), CircuitStatus.HalfOpen, CircuitStatus.Closed, "x", null));

        var summary = statistics.Finish(Start.AddSeconds(15));

        Assert.Equal(3, summary.Transitions);
        Assert.Equal(TimeSpan.FromSeconds(4.5), summary.TimeClosed);
        Assert.Equal(TimeSpan.FromSeconds(10), summary.TimeOpen);
        Assert.Equal(TimeSpan.FromSeconds(0.5), summary.TimeHalfOpen);
    }

    [Fact]
    public void Finish_TransitionStampedBeforeTheLastOne_NeverCountsNegativeTime()
    {
        var statistics = new RunStatistics(Start, CircuitStatus.Closed);
        statistics.Add(new TransitionRecord(Start.AddSeconds(2), CircuitStatus.Closed, CircuitStatus.Open, "x", null));
        statistics.Add(new TransitionRecord(Start.AddSeconds(1), CircuitStatus.Open, CircuitStatus.Closed, "x", null));

        var summary = statistics.Finish(Start.AddSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), summary.TimeClosed + summary.TimeOpen);
        Assert.True(summary.TimeOpen >= TimeSpan.Zero);
    }

    [Fact]
    public void Finish_Shadows_InTheOrderNamedWithWhatEachWouldHaveRejectedAfterItsOpeningLine()
    {
        var statistics = new RunStatistics(Start, CircuitStatus.Closed, ["fail-max 2", "fail-max 9"]);
        statistics.Add(Record(RequestOutcome.Failed));
        statistics.Add(Record(RequestOutcome.Failed));
        statistics.Add(new ShadowRecord("fail-max 2", 2, Start, CircuitStatus.Closed, CircuitStatus.Open, "2 consecutive failures"));
        statistics.Add(Record(RequestOutcome.Failed));
        statistics.Add(Record(RequestOutcome.Ok));
        statistics.Add(Record(RequestOutcome.Rejected));
        statistics.Add(new ShadowRecord("fail-max 2", null, Start, CircuitStatus.Open, CircuitStatus.HalfOpen, "break ended"));
        statistics.Add(Record(RequestOutcome.Failed));

        var summary = statistics.Finish(Start.AddSeconds(1));

        Assert.Equal([new ShadowSummary("fail-max 2", 1, 1, 1), new ShadowSummary("fail-max 9", 0, 0, 0)], summary.Shadows);
        Assert.Equal(Start.AddSeconds(1), summary.End);
    }

    private static RequestRecord Record(RequestOutcome outcome) =>
        new(1, Start, "GET", "k1", "GET k1", outcome, null, null, CircuitStatus.Closed, null, null);
}
