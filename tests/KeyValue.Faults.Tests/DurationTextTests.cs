namespace KeyValue.Faults.Tests;

public class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("0ms", 0)]
    [InlineData("10MS", 10)]
    [InlineData("3S", 3000)]
    public void TryParse_NumberWithUnit_GivesTheDuration(string text, int milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("ms")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("+1s")]
    [InlineData("1 s")]
    [InlineData("1h")]
    [InlineData("9999999999999999999ms")]
    public void TryParse_Invalid_Fails(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(120_000, "2m")]
    [InlineData(90_000, "90s")]
    [InlineData(1_000, "1s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(0.5, "0.5ms")]
    [InlineData(0, "0ms")]
    public void Format_Duration_UsesTheLargestExactUnit(double milliseconds, string expected)
    {
        Assert.Equal(expected, DurationText.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1s 2s")]
    public void TryParseArgument_NotExactlyOneWord_NamesTheKeywordAndAnExample(string arguments)
    {
        Assert.False(DurationText.TryParseArgument("WAIT", "WAIT 1s", Words.Split(arguments), out _, out var error));
        Assert.Equal("WAIT needs a duration, e.g. WAIT 1s (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).", error);
    }

    [Theory]
    [InlineData("1440m", true)]
    [InlineData("86400000ms", true)]
    [InlineData("86400001ms", false)]
    [InlineData("1441m", false)]
    [InlineData("0ms", false)]
    public void TryParseArgument_OneWord_BoundedByMaxDuration(string argument, bool valid)
    {
        Assert.Equal(valid, DurationText.TryParseArgument("WAIT", "WAIT 1s", [argument], out var duration, out _));
        Assert.True(!valid || duration <= FaultLimits.MaxDuration);
    }
}
