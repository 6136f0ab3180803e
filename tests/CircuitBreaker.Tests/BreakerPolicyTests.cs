namespace CircuitBreaker.Tests;

public sealed class BreakerPolicyTests
{
    [Fact]
    public void RollingWindow_BucketResolution_IsWindowOverBucketCount()
    {
        var policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), threshold: 5, bucketCount: 20);

        Assert.Equal(TimeSpan.FromMilliseconds(500), policy.BucketResolution);
        Assert.Equal("more than 5 failures in 10 s", policy.ToString());
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.ConsecutiveFailures(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.Zero, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromDays(2), 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(1), 1, bucketCount: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(1), 1, bucketCount: 1001));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), 1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(1), 0.5, minimumThroughput: 0));
    }

    [Fact]
    public void Factories_BoundaryArguments_Accepted()
    {
        Assert.Equal(1, BreakerPolicy.ConsecutiveFailures(1).FailureThreshold);
        Assert.Equal(0, BreakerPolicy.RollingWindow(TimeSpan.FromMilliseconds(1), 0, bucketCount: 1).FailureThreshold);
        Assert.Equal(1.0, BreakerPolicy.FailureRatio(TimeSpan.FromDays(1), 1.0, 1, 1000).Ratio);
    }
}
