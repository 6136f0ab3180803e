using KeyValue.Client.Connection;
using KeyValue.Client.Workload;

namespace KeyValue.Client.Tests.Workload;

public class WorkloadPlanTests
{
    [Fact]
    public void RequestNumber_FirstCycle_IsTheDocumentedSequence()
    {
        var lines = Enumerable.Range(1, 10).Select(n => WorkloadPlan.RequestNumber(n).Line);

        Assert.Equal(
            ["SET k1 v1", "GET k1", "SET k2 v3", "GET k2", "DEL k1", "GET k1", "SET k3 v7", "GET k2", "DEL k2", "GET k3"],
            lines);
    }

    [Fact]
    public void RequestNumber_SecondCycle_MovesToTheNextKeys()
    {
        Assert.Equal("SET k4 v11", WorkloadPlan.RequestNumber(11).Line);
        Assert.Equal("SET k5 v13", WorkloadPlan.RequestNumber(13).Line);
        Assert.Equal("SET k1 v17", WorkloadPlan.RequestNumber(17).Line);
    }

    [Fact]
    public void RequestNumber_ManyCycles_StaysInTheKeyspaceWithTheDocumentedMix()
    {
        var requests = Enumerable.Range(1, 1000).Select(WorkloadPlan.RequestNumber).ToList();

        Assert.All(requests, r => Assert.Matches("^k[1-5]$", r.Key));
        Assert.Equal(5, requests.Select(r => r.Key).Distinct().Count());
        Assert.Equal(500, requests.Count(r => r.Command == KeyValueCommand.Get));
        Assert.Equal(300, requests.Count(r => r.Command == KeyValueCommand.Set));
        Assert.Equal(200, requests.Count(r => r.Command == KeyValueCommand.Delete));
    }

    [Fact]
    public void RequestNumber_WithARunId_EveryWrittenValueEndsInItAndTheKeysStayTheSame()
    {
        var lines = Enumerable.Range(1, 10).Select(n => WorkloadPlan.RequestNumber(n, "r7").Line);

        Assert.Equal(
            ["SET k1 v1-r7", "GET k1", "SET k2 v3-r7", "GET k2", "DEL k1", "GET k1", "SET k3 v7-r7", "GET k2", "DEL k2", "GET k3"],
            lines);
    }

    [Fact]
    public void RequestNumber_NoRunId_IsTheDocumentedPlan()
    {
        Assert.Equal(WorkloadPlan.RequestNumber(7), WorkloadPlan.RequestNumber(7, runId: null));
        Assert.Equal("SET k3 v7", WorkloadPlan.RequestNumber(7, runId: null).Line);
    }

    [Fact]
    public void RequestNumber_SameNumber_SameRequest()
    {
        Assert.Equal(WorkloadPlan.RequestNumber(1234), WorkloadPlan.RequestNumber(1234));
    }

    [Fact]
    public void RequestNumber_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkloadPlan.RequestNumber(0));
    }
}
