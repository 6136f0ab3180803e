using KeyValue.Client.Run;

namespace KeyValue.Client.Tests.Run;

public class ShadowTallyTests
{
    [Fact]
    public void Count_WhileClosed_WouldNotHaveRejectedAndCountsNothing()
    {
        var tally = new ShadowTally("fail-max 2");

        Assert.False(tally.Count(RequestOutcome.Failed));
        Assert.Equal((0, 0, 0), (tally.Opens, tally.Saved, tally.Lost));
    }

    [Fact]
    public void Count_WhileOpen_AFailureIsSavedASuccessLostARejectionNeither()
    {
        var tally = new ShadowTally("fail-max 2");
        tally.MoveTo(CircuitStatus.Open);

        Assert.True(tally.Count(RequestOutcome.Failed));
        Assert.True(tally.Count(RequestOutcome.Ok));
        Assert.True(tally.Count(RequestOutcome.Ok));
        Assert.True(tally.Count(RequestOutcome.Rejected));
        Assert.Equal(new ShadowSummary("fail-max 2", 1, 1, 2), tally.ToSummary());
    }

    [Fact]
    public void MoveTo_HalfOpenOrClosed_EndsTheRejectionsAndEachOpeningCountsOnce()
    {
        var tally = new ShadowTally("last 4 failures 3");
        tally.MoveTo(CircuitStatus.Open);
        tally.MoveTo(CircuitStatus.HalfOpen);
        Assert.False(tally.Count(RequestOutcome.Ok));
        tally.MoveTo(CircuitStatus.Open);
        tally.MoveTo(CircuitStatus.Closed);

        Assert.False(tally.Count(RequestOutcome.Failed));
        Assert.Equal(2, tally.Opens);
        Assert.False(tally.IsOpen);
    }
}
