namespace CircuitBreaker.Tests;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(10 * TimeSpan.TicksPerSecond, "10 s")]
    [InlineData(90 * TimeSpan.TicksPerSecond, "90 s")]
    [InlineData(5 * TimeSpan.TicksPerMinute, "5 min")]
    [InlineData(2 * TimeSpan.TicksPerHour, "2 h")]
    [InlineData(TimeSpan.TicksPerDay, "1 d")]
    [InlineData(250 * TimeSpan.TicksPerMillisecond, "250 ms")]
    [InlineData(1, "0.0001 ms")]
    [InlineData(-TimeSpan.TicksPerSecond, "-1 s")]
    public void Format_PicksTheLargestWholeUnit(long ticks, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromTicks(ticks)));
    }
}
