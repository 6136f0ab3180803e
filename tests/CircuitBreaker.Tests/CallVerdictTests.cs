namespace CircuitBreaker.Tests;

public sealed class CallVerdictTests
{
    [Fact]
    public void Kinds_HaveNoRetryAfter()
    {
        Assert.Equal((CallVerdictKind.Success, (TimeSpan?)null), (CallVerdict.Success.Kind, CallVerdict.Success.RetryAfter));
        Assert.Equal((CallVerdictKind.Failure, (TimeSpan?)null), (CallVerdict.Failure.Kind, CallVerdict.Failure.RetryAfter));
        Assert.Equal((CallVerdictKind.Ignored, (TimeSpan?)null), (CallVerdict.Ignored.Kind, CallVerdict.Ignored.RetryAfter));
    }

    [Fact]
    public void FailureWithRetryAfter_IsAFailureCarryingTheDelay()
    {
        var verdict = CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(3));

        Assert.Equal((CallVerdictKind.Failure, (TimeSpan?)TimeSpan.FromSeconds(3)), (verdict.Kind, verdict.RetryAfter));
        Assert.NotEqual(CallVerdict.Failure, verdict);
        Assert.Equal(CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(3)), verdict);
        Assert.True(verdict == CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(3)));
        Assert.True(verdict != CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(4)));
        Assert.Equal("Failure (retry after 3 s)", verdict.ToString());
        Assert.Equal("Ignored", CallVerdict.Ignored.ToString());
    }

    [Fact]
    public void FailureWithRetryAfter_Zero_Accepted_Negative_Rejected()
    {
        Assert.Equal(TimeSpan.Zero, CallVerdict.FailureWithRetryAfter(TimeSpan.Zero).RetryAfter);
        Assert.Throws<ArgumentOutOfRangeException>(() => CallVerdict.FailureWithRetryAfter(TimeSpan.FromTicks(-1)));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(long.MaxValue)]
    public void FailureWithRetryAfter_KeepsTheDelayExactlyAtEveryBound(long ticks)
    {
        var verdict = CallVerdict.FailureWithRetryAfter(TimeSpan.FromTicks(ticks));

        Assert.Equal(TimeSpan.FromTicks(ticks), verdict.RetryAfter);
        Assert.NotEqual(CallVerdict.Failure, verdict);
    }

    [Fact]
    public void Default_IsSuccess()
    {
        Assert.Equal(CallVerdict.Success, default);
    }
}
