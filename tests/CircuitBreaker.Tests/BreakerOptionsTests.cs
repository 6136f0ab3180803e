namespace CircuitBreaker.Tests;

public sealed class BreakerOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BreakerOptions();

        Assert.Equal("default", options.Name);
        Assert.Equal(BreakerPolicyKind.ConsecutiveFailures, options.Policy.Kind);
        Assert.Equal(5, options.Policy.FailureThreshold);
        Assert.Null(options.BreakDuration);
        Assert.Equal(1.0, options.BreakDurationGrowthFactor);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxBreakDuration);
        Assert.Equal(1, options.HalfOpenMaxCalls);
        Assert.Equal(1, options.SuccessesToClose);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TrialDeadline);
        Assert.Null(options.SlowCallThreshold);
        Assert.True(options.IsFailure(new InvalidOperationException()));
        options.Validate();
    }

    [Fact]
    public void EffectiveBreakDuration_Null_MeansAgeingForRollingWindowOnly()
    {
        var window = new BreakerOptions { Policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), 5) };
        var ratio = new BreakerOptions { Policy = BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), 0.5) };

        Assert.Null(window.EffectiveBreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), ratio.EffectiveBreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), new BreakerOptions().EffectiveBreakDuration);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var options = new BreakerOptions
        {
            Name = " ",
            Policy = null!,
            BreakDuration = TimeSpan.FromMinutes(10),
            BreakDurationGrowthFactor = 0.5,
            HalfOpenMaxCalls = 0,
            SuccessesToClose = 10_001,
            TrialDeadline = TimeSpan.Zero,
            SlowCallThreshold = TimeSpan.FromDays(2),
            IsFailure = null!,
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "Invalid breaker options:",
                "- Name must not be empty.",
                "- Policy is required.",
                "- BreakDuration (10 min) must not exceed MaxBreakDuration (5 min).",
                "- BreakDurationGrowthFactor must be between 1 and 100 (was 0.5).",
                "- HalfOpenMaxCalls must be between 1 and 10000 (was 0).",
                "- SuccessesToClose must be between 1 and 10000 (was 10001).",
                "- TrialDeadline must be greater than 0 and at most 1 d (was 0 s).",
                "- SlowCallThreshold must be greater than 0 and at most 1 d (was 2 d).",
                "- IsFailure is required."),
            error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_NonPositiveBreakDuration_Rejected(int seconds)
    {
        var options = new BreakerOptions { BreakDuration = TimeSpan.FromSeconds(seconds) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("BreakDuration must be greater than 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_MaxBreakBelowDefaultBreak_AsksForAnExplicitBreak()
    {
        var options = new BreakerOptions { MaxBreakDuration = TimeSpan.FromSeconds(10) };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("MaxBreakDuration (10 s) must not be less than the default break of 30 s; set BreakDuration.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BoundaryValues_Accepted()
    {
        var options = new BreakerOptions
        {
            BreakDuration = TimeSpan.FromTicks(1),
            MaxBreakDuration = TimeSpan.FromDays(1),
            BreakDurationGrowthFactor = 100,
            HalfOpenMaxCalls = 10_000,
            SuccessesToClose = 1,
            TrialDeadline = TimeSpan.FromDays(1),
            SlowCallThreshold = TimeSpan.FromTicks(1),
        };

        options.Validate();
    }
}
