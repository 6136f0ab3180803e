namespace KeyValue.Faults.Tests;

public class FaultSpecTests
{
    private const string ExpectedForms =
        "Expected one of: OFF, ON, EVERY <k> OF <m>, PATTERN <p>, CHANCE <p> [SEED <n>], NEXT <n>, FOR <duration>.";

    [Theory]
    [InlineData("OFF", "OFF")]
    [InlineData("off", "OFF")]
    [InlineData("  On  ", "ON")]
    [InlineData("EVERY 3RD OF 5", "EVERY 3RD OF 5")]
    [InlineData("every 3 of 5", "EVERY 3RD OF 5")]
    [InlineData("Every\t1st  Of\t1", "EVERY 1ST OF 1")]
    [InlineData("EVERY 2nd OF 2", "EVERY 2ND OF 2")]
    [InlineData("EVERY 4TH OF 10", "EVERY 4TH OF 10")]
    [InlineData("EVERY 11TH OF 20", "EVERY 11TH OF 20")]
    [InlineData("EVERY 12th OF 20", "EVERY 12TH OF 20")]
    [InlineData("EVERY 13TH OF 20", "EVERY 13TH OF 20")]
    [InlineData("EVERY 21ST OF 30", "EVERY 21ST OF 30")]
    [InlineData("EVERY 22ND OF 30", "EVERY 22ND OF 30")]
    [InlineData("EVERY 23RD OF 30", "EVERY 23RD OF 30")]
    [InlineData("EVERY 101ST OF 200", "EVERY 101ST OF 200")]
    [InlineData("EVERY 111TH OF 200", "EVERY 111TH OF 200")]
    [InlineData("PATTERN ..x.x", "PATTERN ..x.x")]
    [InlineData("pattern ..X.X", "PATTERN ..x.x")]
    [InlineData("PATTERN x", "PATTERN x")]
    [InlineData("PATTERN .", "PATTERN .")]
    [InlineData("CHANCE 0.25", "CHANCE 0.25")]
    [InlineData("chance 0.25 seed 42", "CHANCE 0.25 SEED 42")]
    [InlineData("CHANCE 0 SEED -7", "CHANCE 0 SEED -7")]
    [InlineData("CHANCE 1", "CHANCE 1")]
    [InlineData("CHANCE .5", "CHANCE 0.5")]
    [InlineData("CHANCE 0.1", "CHANCE 0.1")]
    [InlineData("NEXT 3", "NEXT 3")]
    [InlineData("next 1", "NEXT 1")]
    [InlineData("FOR 500ms", "FOR 500ms")]
    [InlineData("FOR 10s", "FOR 10s")]
    [InlineData("FOR 2m", "FOR 2m")]
    [InlineData("for 10S", "FOR 10s")]
    [InlineData("FOR 2M", "FOR 2m")]
    [InlineData("FOR 500MS", "FOR 500ms")]
    [InlineData("FOR 60s", "FOR 1m")]
    [InlineData("FOR 1500ms", "FOR 1500ms")]
    [InlineData("FOR 1440m", "FOR 1440m")]
    public void TryParse_ValidSpec_ParsesToCanonicalText(string text, string canonical)
    {
        Assert.True(FaultSpec.TryParse(text, out var spec, out var error), error);
        Assert.Null(error);
        Assert.Equal(canonical, spec.ToString());
    }

    [Theory]
    [InlineData("EVERY 3RD OF 5")]
    [InlineData("PATTERN ..x.x")]
    [InlineData("CHANCE 0.125 SEED 9")]
    [InlineData("NEXT 4")]
    [InlineData("FOR 750ms")]
    public void ToString_ParsedAgain_GivesAnEqualSpec(string text)
    {
        var spec = FaultSpec.Parse(text);

        Assert.Equal(spec, FaultSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void Parse_Every_SetsPositionAndPeriod()
    {
        var spec = FaultSpec.Parse("EVERY 3RD OF 5");

        Assert.Equal(FaultSpecKind.Every, spec.Kind);
        Assert.Equal(3, spec.Position);
        Assert.Equal(5, spec.Period);
    }

    [Fact]
    public void Parse_ChanceWithSeed_SetsProbabilityAndSeed()
    {
        var spec = FaultSpec.Parse("CHANCE 0.25 SEED 42");

        Assert.Equal(FaultSpecKind.Chance, spec.Kind);
        Assert.Equal(0.25, spec.Probability);
        Assert.Equal(42, spec.Seed);
        Assert.Null(FaultSpec.Parse("CHANCE 0.25").Seed);
    }

    [Fact]
    public void Parse_NextAndFor_SetCountAndDuration()
    {
        Assert.Equal(3, FaultSpec.Parse("NEXT 3").Count);
        Assert.Equal(TimeSpan.FromMilliseconds(500), FaultSpec.Parse("FOR 500ms").Duration);
        Assert.Equal(TimeSpan.FromMinutes(2), FaultSpec.Parse("FOR 2m").Duration);
    }

    [Theory]
    [InlineData(null, "The fault spec is empty. {expected}")]
    [InlineData("", "The fault spec is empty. {expected}")]
    [InlineData("   \t ", "The fault spec is empty. {expected}")]
    [InlineData("SOMETIMES", "Unknown fault spec 'SOMETIMES'. {expected}")]
    [InlineData("OFF now", "OFF takes no arguments, but got 'now'.")]
    [InlineData("ON 1 2", "ON takes no arguments, but got '1 2'.")]
    [InlineData("EVERY", "EVERY needs the form EVERY <k> OF <m>, e.g. EVERY 3RD OF 5.")]
    [InlineData("EVERY 3RD", "EVERY needs the form EVERY <k> OF <m>, e.g. EVERY 3RD OF 5.")]
    [InlineData("EVERY 3RD IN 5", "EVERY needs the form EVERY <k> OF <m>, e.g. EVERY 3RD OF 5.")]
    [InlineData("EVERY 3RD OF 5 6", "EVERY needs the form EVERY <k> OF <m>, e.g. EVERY 3RD OF 5.")]
    [InlineData("EVERY third OF 5", "EVERY: 'third' is not a position; use a whole number like 3 or an ordinal like 3RD.")]
    [InlineData("EVERY -1 OF 5", "EVERY: '-1' is not a position; use a whole number like 3 or an ordinal like 3RD.")]
    [InlineData("EVERY 3TH OF 5", "EVERY: '3TH' is not a valid ordinal; did you mean 3RD?")]
    [InlineData("EVERY 11ST OF 20", "EVERY: '11ST' is not a valid ordinal; did you mean 11TH?")]
    [InlineData("EVERY 22TH OF 30", "EVERY: '22TH' is not a valid ordinal; did you mean 22ND?")]
    [InlineData("EVERY 3RDS OF 5", "EVERY: '3RDS' is not a valid ordinal; did you mean 3RD?")]
    [InlineData("EVERY 3 OF five", "EVERY: 'five' is not a whole number of requests (m), e.g. EVERY 3RD OF 5.")]
    [InlineData("EVERY 3 OF 99999999999", "EVERY: '99999999999' is not a whole number of requests (m), e.g. EVERY 3RD OF 5.")]
    [InlineData("EVERY 0 OF 5", "EVERY: k must be at least 1, but got 0.")]
    [InlineData("EVERY 0TH OF 5", "EVERY: k must be at least 1, but got 0.")]
    [InlineData("EVERY 6TH OF 5", "EVERY: k (6) must not be greater than m (5).")]
    [InlineData("EVERY 1 OF 0", "EVERY: k (1) must not be greater than m (0).")]
    [InlineData("PATTERN", "PATTERN needs one pattern of '.' (pass) and 'x' (fail), without spaces, e.g. PATTERN ..x.x.")]
    [InlineData("PATTERN ..x .x", "PATTERN needs one pattern of '.' (pass) and 'x' (fail), without spaces, e.g. PATTERN ..x.x.")]
    [InlineData("PATTERN ..y.x", "PATTERN: '..y.x' may contain only '.' (pass) and 'x' (fail); found 'y' at position 3.")]
    [InlineData("PATTERN 01", "PATTERN: '01' may contain only '.' (pass) and 'x' (fail); found '0' at position 1.")]
    [InlineData("CHANCE", "CHANCE needs the form CHANCE <p> [SEED <n>], e.g. CHANCE 0.25 SEED 42.")]
    [InlineData("CHANCE 0.5 SEED", "CHANCE needs the form CHANCE <p> [SEED <n>], e.g. CHANCE 0.25 SEED 42.")]
    [InlineData("CHANCE 0.5 SALT 1", "CHANCE needs the form CHANCE <p> [SEED <n>], e.g. CHANCE 0.25 SEED 42.")]
    [InlineData("CHANCE 0.5 1", "CHANCE needs the form CHANCE <p> [SEED <n>], e.g. CHANCE 0.25 SEED 42.")]
    [InlineData("CHANCE 1.5", "CHANCE: '1.5' is not a probability; use a number from 0 to 1, e.g. 0.25.")]
    [InlineData("CHANCE -0.1", "CHANCE: '-0.1' is not a probability; use a number from 0 to 1, e.g. 0.25.")]
    [InlineData("CHANCE 0,5", "CHANCE: '0,5' is not a probability; use a number from 0 to 1, e.g. 0.25.")]
    [InlineData("CHANCE 50%", "CHANCE: '50%' is not a probability; use a number from 0 to 1, e.g. 0.25.")]
    [InlineData("CHANCE 1e-1", "CHANCE: '1e-1' is not a probability; use a number from 0 to 1, e.g. 0.25.")]
    [InlineData("CHANCE NaN", "CHANCE: 'NaN' is not a probability; use a number from 0 to 1, e.g. 0.25.")]
    [InlineData("CHANCE 0.5 SEED x", "CHANCE: SEED 'x' is not a whole number (a 64-bit integer).")]
    [InlineData("CHANCE 0.5 SEED 1.5", "CHANCE: SEED '1.5' is not a whole number (a 64-bit integer).")]
    [InlineData("CHANCE 0.5 SEED 99999999999999999999", "CHANCE: SEED '99999999999999999999' is not a whole number (a 64-bit integer).")]
    [InlineData("NEXT", "NEXT needs a number of requests, e.g. NEXT 3.")]
    [InlineData("NEXT 1 2", "NEXT needs a number of requests, e.g. NEXT 3.")]
    [InlineData("NEXT 0", "NEXT: '0' is not a number of requests; use a whole number of 1 or more, e.g. NEXT 3.")]
    [InlineData("NEXT -2", "NEXT: '-2' is not a number of requests; use a whole number of 1 or more, e.g. NEXT 3.")]
    [InlineData("NEXT three", "NEXT: 'three' is not a number of requests; use a whole number of 1 or more, e.g. NEXT 3.")]
    [InlineData("FOR", "FOR needs a duration, e.g. FOR 10s (use a whole number with ms, s or m, e.g. 500ms, 10s, 2m).")]
    [InlineData("FOR 10", "FOR: '10' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("FOR 10h", "FOR: '10h' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("FOR 1.5s", "FOR: '1.5s' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("FOR -5s", "FOR: '-5s' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("FOR s", "FOR: 's' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    [InlineData("FOR 0s", "FOR: the duration must be more than 0.")]
    [InlineData("FOR 1441m", "FOR: the duration must be at most 1440m (1 day).")]
    [InlineData("FOR 99999999999999999m", "FOR: '99999999999999999m' is not a duration; use a whole number with ms, s or m, e.g. 500ms, 10s, 2m.")]
    public void TryParse_InvalidSpec_FailsWithMessageNamingTheProblem(string? text, string expected)
    {
        Assert.False(FaultSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Equal(expected.Replace("{expected}", ExpectedForms, StringComparison.Ordinal), error);
    }

    [Fact]
    public void TryParse_PatternOverTheLimit_Fails()
    {
        string text = "PATTERN " + new string('.', FaultLimits.MaxPatternLength + 1);

        Assert.False(FaultSpec.TryParse(text, out _, out var error));
        Assert.Contains("the limit is 4096", error, StringComparison.Ordinal);
        Assert.True(FaultSpec.TryParse("PATTERN " + new string('x', FaultLimits.MaxPatternLength), out _, out _));
    }

    [Fact]
    public void TryParse_UnknownSpec_ListsTheValidForms()
    {
        Assert.False(FaultSpec.TryParse("MAYBE", out _, out var error));
        Assert.Contains("EVERY <k> OF <m>", error, StringComparison.Ordinal);
        Assert.Contains("CHANCE <p> [SEED <n>]", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheMessage()
    {
        var exception = Assert.Throws<FormatException>(() => FaultSpec.Parse("NEXT 0"));
        Assert.StartsWith("NEXT: '0'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Factories_InvalidArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateEvery(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateEvery(6, 5));
        Assert.Throws<ArgumentException>(() => FaultSpec.CreatePattern(""));
        Assert.Throws<ArgumentException>(() => FaultSpec.CreatePattern("x-x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateChance(1.01));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateChance(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateNext(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateFor(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => FaultSpec.CreateFor(TimeSpan.FromDays(2)));
    }

    [Fact]
    public void Equality_SameSpecFromDifferentText_IsEqual()
    {
        Assert.Equal(FaultSpec.Parse("every 3 of 5"), FaultSpec.Parse("EVERY 3RD OF 5"));
        Assert.NotEqual(FaultSpec.Parse("EVERY 3 OF 5"), FaultSpec.Parse("EVERY 3 OF 6"));
        Assert.Same(FaultSpec.Off, FaultSpec.Parse("off"));
    }
}
