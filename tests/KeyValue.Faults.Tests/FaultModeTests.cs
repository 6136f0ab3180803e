namespace KeyValue.Faults.Tests;

public class FaultModeTests
{
    [Theory]
    [InlineData("ERROR", FaultModeKind.Error, 0, "ERROR")]
    [InlineData("error", FaultModeKind.Error, 0, "ERROR")]
    [InlineData("DROP", FaultModeKind.Drop, 0, "DROP")]
    [InlineData(" hang ", FaultModeKind.Hang, 0, "HANG")]
    [InlineData("DELAY 500ms", FaultModeKind.Delay, 500, "DELAY 500ms")]
    [InlineData("delay 2S", FaultModeKind.Delay, 2000, "DELAY 2s")]
    [InlineData("Delay\t1m", FaultModeKind.Delay, 60_000, "DELAY 1m")]
    public void TryParse_ValidMode_ParsesKindDelayAndCanonicalText(string text, FaultModeKind kind, int delayMs, string canonical)
    {
        Assert.True(FaultMode.TryParse(text, out var mode, out var error), error);
        Assert.Equal(kind, mode.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(delayMs), mode.Delay);
        Assert.Equal(canonical, mode.ToString());
    }

    [Theory]
    [InlineData(null, "The fault mode is empty. Expected one of: ERROR, DELAY <duration>, DROP, HANG.")]
    [InlineData(" ", "The fault mode is empty. Expected one of: ERROR, DELAY <duration>, DROP, HANG.")]
    [InlineData("EXPLODE", "Unknown fault mode 'EXPLODE'. Expected one of: ERROR, DELAY <duration>, DROP, HANG.")]
    [InlineData("ERROR 5", "ERROR takes no arguments, but got '5'.")]
    [InlineData("DROP now", "DROP takes no arguments, but got 'now'.")]
    [InlineData("HANG 1 2", "HANG takes no arguments, but got '1 2'.")]
    [InlineData("DELAY", "DELAY needs a duration, e.g. DELAY 500ms (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).")]
    [InlineData("DELAY 1s 2s", "DELAY needs a duration, e.g. DELAY 500ms (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).")]
    [InlineData("DELAY 500", "DELAY: '500' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("DELAY 0ms", "DELAY: the duration must be more than 0.")]
    [InlineData("DELAY 2000m", "DELAY: the duration must be at most 1440m (1 day).")]
    public void TryParse_InvalidMode_FailsWithMessageNamingTheProblem(string? text, string expected)
    {
        Assert.False(FaultMode.TryParse(text, out var mode, out var error));
        Assert.Null(mode);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => FaultMode.Parse("SOMETIMES"));
    }

    [Fact]
    public void CreateDelay_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateDelay(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateDelay(TimeSpan.FromDays(1) + TimeSpan.FromTicks(1)));
        Assert.Equal(FaultMode.Parse("DELAY 250ms"), FaultMode.CreateDelay(TimeSpan.FromMilliseconds(250)));
    }
}
