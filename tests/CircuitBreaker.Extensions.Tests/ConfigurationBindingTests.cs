using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CircuitBreaker.Extensions.Tests;

public sealed class ConfigurationBindingTests
{
    public static TheoryData<string[], string> Policies() => new()
    {
        { ["Kind=ConsecutiveFailures", "Threshold=3"], BreakerPolicy.ConsecutiveFailures(3).ToString() },
        { ["Kind=ConsecutiveFailures"], BreakerPolicy.ConsecutiveFailures().ToString() },
        { ["Kind=RollingWindow", "Window=00:00:10", "Threshold=5"], BreakerPolicy.RollingWindow(TimeSpan.FromSeconds(10), 5).ToString() },
        { ["Kind=rollingwindow", "Window=00:01:00", "Threshold=4", "BucketCount=60"], BreakerPolicy.RollingWindow(TimeSpan.FromMinutes(1), 4, 60).ToString() },
        { ["Kind=FailureRatio", "Window=00:00:30", "Ratio=0.5"], BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(30), 0.5).ToString() },
        { ["Kind=FailureRatio", "Window=00:00:30", "Ratio=0.25", "MinimumThroughput=20", "BucketCount=5"], BreakerPolicy.FailureRatio(TimeSpan.FromSeconds(30), 0.25, 20, 5).ToString() },
        { ["Kind=LastCalls", "Calls=10", "Threshold=4"], BreakerPolicy.LastCalls(10, 4).ToString() },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void AddCircuitBreaker_FromConfiguration_BindsEveryPolicyKind(string[] policy, string expected)
    {
        var options = Bind([.. policy.Select(p => ("Breakers:orders:Policy:" + p.Split('=')[0], p.Split('=')[1]))]);

        Assert.Equal(expected, options.Policy.ToString());
    }

    [Fact]
    public void AddCircuitBreaker_FromConfiguration_BindsTheOtherOptionsAndShadows()
    {
        var options = Bind(
            ("Breakers:orders:BreakDuration", "00:00:07"),
            ("Breakers:orders:BreakDurationGrowthFactor", "2"),
            ("Breakers:orders:MaxBreakDuration", "00:02:00"),
            ("Breakers:orders:HalfOpenMaxCalls", "3"),
            ("Breakers:orders:SuccessesToClose", "2"),
            ("Breakers:orders:TrialDeadline", "00:00:05"),
            ("Breakers:orders:SlowCallThreshold", "00:00:01"),
            ("Breakers:orders:ShadowPolicies:strict:Kind", "ConsecutiveFailures"),
            ("Breakers:orders:ShadowPolicies:strict:Threshold", "2"));

        Assert.Equal(
            (TimeSpan.FromSeconds(7), 2.0, TimeSpan.FromMinutes(2), 3, 2, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)),
            (options.BreakDuration, options.BreakDurationGrowthFactor, options.MaxBreakDuration, options.HalfOpenMaxCalls, options.SuccessesToClose, options.TrialDeadline, options.SlowCallThreshold));
        Assert.Equal(BreakerPolicy.ConsecutiveFailures(2).ToString(), options.ShadowPolicies["strict"].ToString());
        Assert.Equal(BreakerPolicy.ConsecutiveFailures().ToString(), options.Policy.ToString());
        Assert.Equal("orders", options.Name);
    }

    [Fact]
    public void AddCircuitBreaker_ConfigureAfterBinding_Wins()
    {
        var services = TestKit.Services(TestKit.NewClock());
        var configuration = TestKit.Configuration(("Breakers:orders:HalfOpenMaxCalls", "3"));
        services.AddCircuitBreaker("orders", configuration.GetSection("Breakers:orders"), o => o.HalfOpenMaxCalls = 4);
        using var container = services.BuildServiceProvider();

        Assert.Equal(4, container.GetRequiredService<IOptionsMonitor<BreakerOptions>>().Get("orders").HalfOpenMaxCalls);
    }

    [Fact]
    public void AddCircuitBreaker_BadKind_NamesTheKindAndItsPath()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("Breakers:orders:Policy:Kind", "Rolling")));

        Assert.Equal(
            ["Circuit breaker 'orders': Breakers:orders:Policy:Kind: 'Rolling' is not a policy kind; expected one of ConsecutiveFailures, RollingWindow, FailureRatio, LastCalls."],
            error.Failures);
    }

    [Fact]
    public void AddCircuitBreaker_EveryProblem_NamedAtOnce()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(
            ("Breakers:orders:Policy:Kind", "RollingWindow"),
            ("Breakers:orders:Policy:Treshold", "5"),
            ("Breakers:orders:BreakDuration", "ten seconds"),
            ("Breakers:orders:HalfOpenMaxCalls", "0")));

        Assert.Equal(
            [
                "Circuit breaker 'orders': Breakers:orders:BreakDuration: 'ten seconds' is not a duration such as 00:00:10.",
                "Circuit breaker 'orders': Breakers:orders:Policy:Treshold: unknown setting for a RollingWindow policy; expected one of Kind, Window, Threshold, BucketCount.",
                "Circuit breaker 'orders': Breakers:orders:Policy:Window: required by the RollingWindow policy.",
                "Circuit breaker 'orders': Breakers:orders:Policy:Threshold: required by the RollingWindow policy.",
                "Circuit breaker 'orders': HalfOpenMaxCalls must be between 1 and 10000 (was 0).",
            ],
            error.Failures);
    }

    [Fact]
    public void AddCircuitBreaker_MissingKind_AndArgumentTheFactoryRefuses_AreNamed()
    {
        var missing = Assert.Throws<OptionsValidationException>(() => Bind(("Breakers:orders:Policy:Threshold", "5")));
        var refused = Assert.Throws<OptionsValidationException>(() => Bind(
            ("Breakers:orders:Policy:Kind", "LastCalls"), ("Breakers:orders:Policy:Calls", "3"), ("Breakers:orders:Policy:Threshold", "5")));

        Assert.Contains("Breakers:orders:Policy:Kind: a policy needs a Kind", Assert.Single(missing.Failures), StringComparison.Ordinal);
        Assert.Contains("Breakers:orders:Policy:Kind: the LastCalls policy refused its settings", Assert.Single(refused.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void AddCircuitBreaker_UnknownOption_IsNamed()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(("Breakers:orders:BreakDurationn", "00:00:05")));

        Assert.StartsWith("Circuit breaker 'orders': Breakers:orders:BreakDurationn: unknown setting for a circuit breaker", Assert.Single(error.Failures), StringComparison.Ordinal);
    }

    private static BreakerOptions Bind(params (string Key, string Value)[] pairs)
    {
        var services = TestKit.Services(TestKit.NewClock());
        var configuration = TestKit.Configuration(pairs);
        services.AddCircuitBreaker("orders", configuration.GetSection("Breakers:orders"));
        using var container = services.BuildServiceProvider();
        _ = container.GetRequiredKeyedService<Breaker>("orders");
        return container.GetRequiredService<IOptionsMonitor<BreakerOptions>>().Get("orders");
    }
}
