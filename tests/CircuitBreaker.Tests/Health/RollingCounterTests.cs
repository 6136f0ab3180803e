using CircuitBreaker.Health;

namespace CircuitBreaker.Tests.Health;

public sealed class RollingCounterTests
{
    [Fact]
    public void AdvanceTo_DropsExactlyTheBucketsLeavingTheWindow()
    {
        var counter = new RollingCounter(bucketTicks: 100, bucketCount: 4);
        counter.AddFailure(0);
        counter.AddFailure(1);
        counter.AddSuccesses(1, 2);
        counter.AddFailure(3);

        Assert.Equal((3L, 5L), (counter.Failures, counter.Calls));
        counter.AdvanceTo(4);
        Assert.Equal((2L, 4L), (counter.Failures, counter.Calls));
        counter.AdvanceTo(5);
        Assert.Equal((1L, 1L), (counter.Failures, counter.Calls));
        counter.AdvanceTo(1_000_000);
        Assert.Equal((0L, 0L), (counter.Failures, counter.Calls));
    }

    [Fact]
    public void AddSuccesses_ForABucketAlreadyOutOfTheWindow_IsDropped()
    {
        var counter = new RollingCounter(bucketTicks: 100, bucketCount: 4);
        counter.AdvanceTo(10);

        counter.AddSuccesses(6, 5);
        counter.AddSuccesses(7, 3);

        Assert.Equal(3, counter.Calls);
    }

    [Fact]
    public void AdvanceTo_Backwards_ChangesNothing()
    {
        var counter = new RollingCounter(bucketTicks: 100, bucketCount: 4);
        counter.AddFailure(5);

        counter.AdvanceTo(2);

        Assert.Equal(5, counter.Head);
        Assert.Equal(1, counter.Failures);
    }

    [Fact]
    public void FirstBucketWithFailuresAtMost_FindsTheBucketWhereEnoughHaveAgedOut()
    {
        var counter = new RollingCounter(bucketTicks: 100, bucketCount: 4);
        counter.AddFailure(10);
        counter.AddFailure(11);
        counter.AddFailure(11);
        counter.AddFailure(13);

        Assert.Equal(13, counter.FirstBucketWithFailuresAtMost(4));
        Assert.Equal(14, counter.FirstBucketWithFailuresAtMost(3));
        Assert.Equal(15, counter.FirstBucketWithFailuresAtMost(1));
        Assert.Equal(17, counter.FirstBucketWithFailuresAtMost(0));
    }

    [Fact]
    public void BucketOf_IsFloorOfTicksOverWidth()
    {
        var counter = new RollingCounter(bucketTicks: 100, bucketCount: 4);

        Assert.Equal(0, counter.BucketOf(99));
        Assert.Equal(1, counter.BucketOf(100));
    }
}
