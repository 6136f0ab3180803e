using CircuitBreaker.Health;

namespace CircuitBreaker.Tests.Health;

public sealed class CallRingTests
{
    [Fact]
    public void Add_FewerThanCapacity_CountsEveryCall()
    {
        var ring = new CallRing(5);

        ring.AddFailure();
        ring.AddSuccesses(2);
        ring.AddFailure();

        Assert.Equal((4, 2), (ring.Count, ring.Failures));
    }

    [Fact]
    public void Add_PastCapacity_TheOldestLeaves()
    {
        var ring = new CallRing(3);
        ring.AddFailure();
        ring.AddSuccesses(1);
        ring.AddFailure();

        ring.AddSuccesses(1);
        Assert.Equal((3, 1), (ring.Count, ring.Failures));
        ring.AddSuccesses(1);
        Assert.Equal((3, 1), (ring.Count, ring.Failures));
        ring.AddSuccesses(1);
        Assert.Equal((3, 0), (ring.Count, ring.Failures));
        ring.AddFailure();
        ring.AddFailure();
        Assert.Equal((3, 2), (ring.Count, ring.Failures));
    }

    [Fact]
    public void AddSuccesses_AtLeastCapacity_ClearsEveryFailureAtOnce()
    {
        var ring = new CallRing(4);
        ring.AddFailure();
        ring.AddFailure();

        ring.AddSuccesses(4);

        Assert.Equal((4, 0), (ring.Count, ring.Failures));
        ring.AddFailure();
        ring.AddSuccesses(3);
        Assert.Equal((4, 1), (ring.Count, ring.Failures));
        ring.AddSuccesses(1);
        Assert.Equal(0, ring.Failures);
    }

    [Fact]
    public void AddSuccesses_ManyMoreThanCapacity_CostsNoLoop()
    {
        var ring = new CallRing(2);
        ring.AddFailure();

        ring.AddSuccesses(long.MaxValue);

        Assert.Equal((2, 0), (ring.Count, ring.Failures));
    }

    [Fact]
    public void Clear_ForgetsEverything()
    {
        var ring = new CallRing(3);
        ring.AddFailure();
        ring.AddFailure();
        ring.AddFailure();

        ring.Clear();
        ring.AddFailure();

        Assert.Equal((1, 1), (ring.Count, ring.Failures));
    }

    [Fact]
    public void CapacityOne_HoldsOnlyTheLatestCall()
    {
        var ring = new CallRing(1);

        ring.AddFailure();
        Assert.Equal((1, 1), (ring.Count, ring.Failures));
        ring.AddSuccesses(1);
        Assert.Equal((1, 0), (ring.Count, ring.Failures));
        ring.AddFailure();
        Assert.Equal((1, 1), (ring.Count, ring.Failures));
    }
}
