using KeyValue.Client.Workload;

namespace KeyValue.Client.Tests.Workload;

public class ReadYourWritesCheckerTests
{
    [Fact]
    public void Read_UnknownKey_AcceptsAnything()
    {
        var checker = new ReadYourWritesChecker();

        Assert.Null(checker.Read("k1", "left over from an earlier run"));
        Assert.Null(checker.Read("k1", null));
        Assert.Equal(0, checker.Violations);
    }

    [Fact]
    public void Read_AfterAcknowledgedSet_MustReturnThatValue()
    {
        var checker = new ReadYourWritesChecker();
        checker.Acknowledged("k1", "v1");

        Assert.Null(checker.Read("k1", "v1"));
        var violation = checker.Read("k1", "v0");

        Assert.NotNull(violation);
        Assert.Equal(1, checker.Violations);
        Assert.Equal("read violation: GET k1 returned \"v0\", expected \"v1\"", violation.Describe());
    }

    [Fact]
    public void Read_AfterAcknowledgedDelete_MustBeNotFound()
    {
        var checker = new ReadYourWritesChecker();
        checker.Acknowledged("k1", "v1");
        checker.Acknowledged("k1", null);

        Assert.Null(checker.Read("k1", null));
        var violation = checker.Read("k1", "v1");

        Assert.Equal("read violation: GET k1 returned \"v1\", expected NOT_FOUND", violation!.Describe());
    }

    [Fact]
    public void Read_AfterFailedSet_AcceptsTheOldValueOrTheNewOne()
    {
        var checker = new ReadYourWritesChecker();
        checker.Acknowledged("k1", "v1");
        checker.Uncertain("k1", "v2");

        Assert.Null(checker.Read("k1", "v1"));
        Assert.Null(checker.Read("k1", "v2"));
        Assert.NotNull(checker.Read("k1", "v3"));
        Assert.NotNull(checker.Read("k1", null));
        Assert.Equal(2, checker.Violations);
    }

    [Fact]
    public void Read_AfterFailedDelete_AcceptsTheValueOrNotFound()
    {
        var checker = new ReadYourWritesChecker();
        checker.Acknowledged("k1", "v1");
        checker.Uncertain("k1", null);

        Assert.Null(checker.Read("k1", "v1"));
        Assert.Null(checker.Read("k1", null));
        Assert.Equal(0, checker.Violations);
    }

    [Fact]
    public void Read_AcknowledgedWriteAfterUncertainOnes_IsCertainAgain()
    {
        var checker = new ReadYourWritesChecker();
        checker.Acknowledged("k1", "v1");
        checker.Uncertain("k1", "v2");
        checker.Acknowledged("k1", "v3");

        Assert.NotNull(checker.Read("k1", "v2"));
        Assert.Null(checker.Read("k1", "v3"));
    }

    [Fact]
    public void Read_KeysAreIndependentAndCaseSensitive()
    {
        var checker = new ReadYourWritesChecker();
        checker.Acknowledged("k1", "a");
        checker.Acknowledged("K1", "b");

        Assert.Null(checker.Read("k1", "a"));
        Assert.Null(checker.Read("K1", "b"));
        Assert.Null(checker.Read("k2", "anything"));
    }

    [Fact]
    public void Uncertain_OnUnknownKey_LeavesItUnknown()
    {
        var checker = new ReadYourWritesChecker();
        checker.Uncertain("k1", "v1");

        Assert.Null(checker.Read("k1", "something else"));
    }
}
