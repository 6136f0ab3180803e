using CircuitBreaker.Policies;

namespace CircuitBreaker.Tests;

public sealed class BreakerOptionsTests
{
    [Fact]
    public void Defaults_AreTheDocumentedOnes()
    {
        var options = new BreakerOptions();

        Assert.Equal("default", options.Name);
        Assert.Equal(5, Assert.IsType<ConsecutiveFailuresPolicy>(options.Policy).Failures);
        Assert.Null(options.BreakDuration);
        Assert.Equal(1.0, options.BreakDurationGrowthFactor);
        Assert.Equal(TimeSpan.FromMinutes(5), options.MaxBreakDuration);
        Assert.Equal(1, options.HalfOpenMaxCalls);
        Assert.Equal(1, options.SuccessesToClose);
        Assert.Equal(TimeSpan.FromSeconds(30), options.TrialDeadline);
        Assert.Null(options.SlowCallThreshold);
        Assert.Equal(CallVerdict.Failure, options.ClassifyException(new InvalidOperationException()));
        Assert.Null(options.ClassifyResult);
        Assert.Empty(options.ShadowPolicies);
        Assert.Null(options.MeterFactory);
        options.Validate();
    }

    [Fact]
    public void EffectiveBreakDuration_Null_MeansAgeingForRollingWindowOnly()
    {
        var window = new BreakerOptions { Policy = BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), 5) };
        var ratio = new BreakerOptions { Policy = BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(10), 0.5) };
        var lastCalls = new BreakerOptions { Policy = BreakerPolicy.LastCalls(10, 5) };

        Assert.Null(window.EffectiveBreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), ratio.EffectiveBreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), lastCalls.EffectiveBreakDuration);
        Assert.Equal(TimeSpan.FromSeconds(30), new BreakerOptions().EffectiveBreakDuration);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOneAtOnce()
    {
        var options = new BreakerOptions
        {
            Name = " ",
            Policy = null!,
            BreakDuration = TimeSpan.FromDays(2),
            MaxBreakDuration = TimeSpan.Zero,
            BreakDurationGrowthFactor = 0.5,
            HalfOpenMaxCalls = 0,
            SuccessesToClose = 10_001,
            TrialDeadline = TimeSpan.Zero,
            SlowCallThreshold = TimeSpan.FromDays(2),
            ClassifyException = null!,
        };
        options.ShadowPolicies.Add("", BreakerPolicy.ConsecutiveFailures(1));
        options.ShadowPolicies.Add("orphan", null!);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(
            string.Join(
                Environment.NewLine,
                "Invalid breaker options:",
                "- Name must not be empty.",
                "- Policy is required.",
                "- BreakDuration must be greater than 0 and at most 1 d (was 2 d).",
                "- MaxBreakDuration must be greater than 0 and at most 1 d (was 0 s).",
                "- BreakDurationGrowthFactor must be between 1 and 100 (was 0.5).",
                "- HalfOpenMaxCalls must be between 1 and 10000 (was 0).",
                "- SuccessesToClose must be between 1 and 10000 (was 10001).",
                "- TrialDeadline must be greater than 0 and at most 1 d (was 0 s).",
                "- SlowCallThreshold must be greater than 0 and at most 1 d (was 2 d).",
                "- ClassifyException is required.",
                "- A shadow policy's name must not be empty.",
                "- Shadow policy 'orphan' has no policy."),
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
    public void Validate_BreakDurationLongerThanMaxBreakDuration_Accepted()
    {
        var options = new BreakerOptions { BreakDuration = TimeSpan.FromMinutes(10) };

        options.Validate();

        Assert.Equal(TimeSpan.FromMinutes(10), options.BreakCap);
    }

    [Fact]
    public void Validate_MaxBreakBelowDefaultBreak_AcceptedAndTheDefaultBreakIsItsOwnCap()
    {
        var options = new BreakerOptions { MaxBreakDuration = TimeSpan.FromSeconds(10) };

        options.Validate();

        Assert.Equal(TimeSpan.FromSeconds(30), options.BreakCap);
    }

    [Fact]
    public void BreakCap_FixedBreakShorterThanMax_IsMaxBreakDuration()
    {
        var options = new BreakerOptions { BreakDuration = TimeSpan.FromSeconds(10), MaxBreakDuration = TimeSpan.FromMinutes(1) };

        Assert.Equal(TimeSpan.FromMinutes(1), options.BreakCap);
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

    [Fact]
    public void Validate_MoreShadowPoliciesThanTheLimit_Rejected()
    {
        var options = new BreakerOptions();
        for (var i = 0; i <= BreakerDefaults.MaxShadowPolicies; i++)
        {
            options.ShadowPolicies.Add($"shadow {i}", BreakerPolicy.ConsecutiveFailures(i + 1));
        }

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(
            "Invalid breaker options:" + Environment.NewLine + "- ShadowPolicies holds 101 policies; at most 100 are allowed.",
            error.Message);
    }

    [Fact]
    public void Validate_ExactlyTheShadowPolicyLimit_Accepted()
    {
        var options = new BreakerOptions();
        for (var i = 0; i < BreakerDefaults.MaxShadowPolicies; i++)
        {
            options.ShadowPolicies.Add($"shadow {i}", BreakerPolicy.ConsecutiveFailures(i + 1));
        }

        options.Validate();
    }

    [Fact]
    public void Validate_WhitespaceShadowName_Rejected()
    {
        var options = new BreakerOptions();
        options.ShadowPolicies.Add("  ", BreakerPolicy.ConsecutiveFailures(1));

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("- A shadow policy's name must not be empty.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShadowPolicies_KeepInsertionOrder()
    {
        var options = new BreakerOptions();
        options.ShadowPolicies.Add("z", BreakerPolicy.ConsecutiveFailures(1));
        options.ShadowPolicies.Add("a", BreakerPolicy.ConsecutiveFailures(2));
        options.ShadowPolicies.Add("m", BreakerPolicy.ConsecutiveFailures(3));

        Assert.Equal(["z", "a", "m"], options.ShadowPolicies.Keys);
    }
}
