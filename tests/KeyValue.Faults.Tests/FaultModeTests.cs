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
        Assert.Equal(TimeSpan.Zero, mode.RetryAfter);
        Assert.Equal(canonical, mode.ToString());
    }

    [Theory]
    [InlineData("ERROR RETRY-AFTER 3s", 3_000, "ERROR RETRY-AFTER 3s")]
    [InlineData("error retry-after 3s", 3_000, "ERROR RETRY-AFTER 3s")]
    [InlineData("Error Retry-After 500MS", 500, "ERROR RETRY-AFTER 500ms")]
    [InlineData(" ERROR\tRETRY-AFTER   2M ", 120_000, "ERROR RETRY-AFTER 2m")]
    [InlineData("ERROR RETRY-AFTER 3000ms", 3_000, "ERROR RETRY-AFTER 3s")]
    [InlineData("ERROR RETRY-AFTER 60s", 60_000, "ERROR RETRY-AFTER 1m")]
    [InlineData("ERROR RETRY-AFTER 1500ms", 1_500, "ERROR RETRY-AFTER 1500ms")]
    [InlineData("ERROR RETRY-AFTER 1ms", 1, "ERROR RETRY-AFTER 1ms")]
    [InlineData("ERROR RETRY-AFTER 1440m", 86_400_000, "ERROR RETRY-AFTER 1440m")]
    [InlineData("ERROR RETRY-AFTER 86400000ms", 86_400_000, "ERROR RETRY-AFTER 1440m")]
    public void TryParse_ErrorRetryAfter_ParsesTheRetryAfterAndCanonicalText(string text, int retryAfterMs, string canonical)
    {
        Assert.True(FaultMode.TryParse(text, out var mode, out var error), error);
        Assert.Equal(FaultModeKind.ErrorRetryAfter, mode.Kind);
        Assert.Equal(TimeSpan.FromMilliseconds(retryAfterMs), mode.RetryAfter);
        Assert.Equal(TimeSpan.Zero, mode.Delay);
        Assert.Equal(canonical, mode.ToString());
        Assert.Equal(mode, FaultMode.Parse(mode.ToString()));
    }

    [Theory]
    [InlineData("ERROR RETRY-AFTER", "ERROR RETRY-AFTER needs a duration, e.g. ERROR RETRY-AFTER 3s (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).")]
    [InlineData("ERROR RETRY-AFTER 3s now", "ERROR RETRY-AFTER needs a duration, e.g. ERROR RETRY-AFTER 3s (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).")]
    [InlineData("ERROR RETRY-AFTER 3s 4s", "ERROR RETRY-AFTER needs a duration, e.g. ERROR RETRY-AFTER 3s (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).")]
    [InlineData("ERROR RETRY-AFTER 0s", "ERROR RETRY-AFTER: the duration must be more than 0.")]
    [InlineData("ERROR RETRY-AFTER 0ms", "ERROR RETRY-AFTER: the duration must be more than 0.")]
    [InlineData("ERROR RETRY-AFTER -1s", "ERROR RETRY-AFTER: '-1s' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("ERROR RETRY-AFTER 3", "ERROR RETRY-AFTER: '3' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("ERROR RETRY-AFTER 1.5s", "ERROR RETRY-AFTER: '1.5s' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("ERROR RETRY-AFTER 3h", "ERROR RETRY-AFTER: '3h' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("ERROR RETRY-AFTER 3sx", "ERROR RETRY-AFTER: '3sx' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("ERROR RETRY-AFTER 1441m", "ERROR RETRY-AFTER: the duration must be at most 1440m (1 day).")]
    [InlineData("ERROR RETRY-AFTER 86400001ms", "ERROR RETRY-AFTER: the duration must be at most 1440m (1 day).")]
    [InlineData("ERROR RETRY-AFTER 99999999999999999m", "ERROR RETRY-AFTER: '99999999999999999m' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("ERROR 3s", "ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got '3s'.")]
    [InlineData("ERROR RETRY 3s", "ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got 'RETRY 3s'.")]
    [InlineData("ERROR RETRYAFTER 3s", "ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got 'RETRYAFTER 3s'.")]
    [InlineData("ERROR RETRY-AFTER=3s", "ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got 'RETRY-AFTER=3s'.")]
    [InlineData("ERROR 3s RETRY-AFTER", "ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got '3s RETRY-AFTER'.")]
    [InlineData("RETRY-AFTER 3s", "Unknown fault mode 'RETRY-AFTER'. Expected one of: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP, HANG.")]
    public void TryParse_InvalidErrorRetryAfter_FailsWithMessageNamingTheProblem(string text, string expected)
    {
        Assert.False(FaultMode.TryParse(text, out var mode, out var error));
        Assert.Null(mode);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData(null, "The fault mode is empty. Expected one of: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP, HANG.")]
    [InlineData(" ", "The fault mode is empty. Expected one of: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP, HANG.")]
    [InlineData("EXPLODE", "Unknown fault mode 'EXPLODE'. Expected one of: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP, HANG.")]
    [InlineData("ERROR 5", "ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got '5'.")]
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
    public void CreateErrorRetryAfter_AtTheLimit_IsTheParsedMode()
    {
        var mode = FaultMode.CreateErrorRetryAfter(FaultLimits.MaxDuration);

        Assert.Equal(TimeSpan.FromDays(1), FaultLimits.MaxDuration);
        Assert.Equal(FaultMode.Parse("ERROR RETRY-AFTER 1440m"), mode);
        Assert.Equal(FaultMode.Parse("ERROR RETRY-AFTER 3s"), FaultMode.CreateErrorRetryAfter(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void CreateErrorRetryAfter_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateErrorRetryAfter(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateErrorRetryAfter(TimeSpan.FromSeconds(-3)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateErrorRetryAfter(FaultLimits.MaxDuration + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void CreateErrorRetryAfter_SubMillisecond_IsKeptExactly()
    {
        var mode = FaultMode.CreateErrorRetryAfter(TimeSpan.FromTicks(5_000));

        Assert.Equal(TimeSpan.FromTicks(5_000), mode.RetryAfter);
        Assert.Equal("ERROR RETRY-AFTER 0.5ms", mode.ToString());
    }

    [Fact]
    public void Equality_ErrorRetryAfter_ComparesKindAndRetryAfter()
    {
        var threeSeconds = FaultMode.Parse("ERROR RETRY-AFTER 3s");

        Assert.Equal(threeSeconds, FaultMode.Parse("error retry-after 3000ms"));
        Assert.NotEqual(threeSeconds, FaultMode.Parse("ERROR RETRY-AFTER 4s"));
        Assert.NotEqual(threeSeconds, FaultMode.Error);
        Assert.NotEqual(threeSeconds, FaultMode.Parse("DELAY 3s"));
    }

    [Fact]
    public void CreateDelay_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateDelay(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultMode.CreateDelay(TimeSpan.FromDays(1) + TimeSpan.FromTicks(1)));
        Assert.Equal(FaultMode.Parse("DELAY 250ms"), FaultMode.CreateDelay(TimeSpan.FromMilliseconds(250)));
    }
}
