namespace KeyValue.Faults.Tests;

public class SeededChanceTests
{
    [Fact]
    public void Draw_MatchesSplitMix64ReferenceOutputs()
    {
        // SplitMix64 started at seed 42: its first output is 0xBDD732262FEB6E95 (computed independently, in Python).
        double expected = (0xBDD732262FEB6E95UL >> 11) * (1.0 / (1UL << 53));

        Assert.Equal(expected, SeededChance.Draw(42, 1));
    }

    [Fact]
    public void Draw_SameSeedAndNumber_IsTheSame()
    {
        Assert.Equal(SeededChance.Draw(-5, 123_456), SeededChance.Draw(-5, 123_456));
        Assert.NotEqual(SeededChance.Draw(-5, 123_456), SeededChance.Draw(-5, 123_457));
        Assert.NotEqual(SeededChance.Draw(-5, 123_456), SeededChance.Draw(-4, 123_456));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void Draw_AnySeed_StaysInZeroToOne(long seed)
    {
        for (long n = 1; n <= 10_000; n++)
        {
            double draw = SeededChance.Draw(seed, n);
            Assert.True(draw is >= 0 and < 1, $"draw {draw} for n {n}");
        }
    }

    [Fact]
    public void Draw_ManyNumbers_AreSpreadEvenlyOverTenBuckets()
    {
        // Deterministic: the same counts on every run, so the tolerance cannot flake.
        var buckets = new int[10];
        for (long n = 1; n <= 100_000; n++)
        {
            buckets[(int)(SeededChance.Draw(2024, n) * 10)]++;
        }

        Assert.All(buckets, count => Assert.InRange(count, 9_600, 10_400));
    }
}
