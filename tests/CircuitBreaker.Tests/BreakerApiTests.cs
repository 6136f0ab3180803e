using System.Reflection;

namespace CircuitBreaker.Tests;

/// <summary>The shape of the public API: a cancellation token on every async entry point, defaults that are not
/// compiled into callers.</summary>
public sealed class BreakerApiTests
{
    [Fact]
    public void AsyncEntryPoints_EachTakesAnOptionalCancellationTokenLast()
    {
        var entryPoints = typeof(Breaker)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => IsAwaitable(m.ReturnType) && m.Name != nameof(Breaker.DisposeAsync))
            .ToList();

        Assert.Equal(12, entryPoints.Count);
        Assert.All(entryPoints, m =>
        {
            var last = m.GetParameters()[^1];
            Assert.True(last.ParameterType == typeof(CancellationToken), $"{m} has no CancellationToken last");
            Assert.True(last.HasDefaultValue, $"{m}'s CancellationToken is not optional");
        });
    }

    [Fact]
    public void BreakerDefaults_HasNoPublicConstants()
    {
        var fields = typeof(BreakerDefaults).GetFields(BindingFlags.Public | BindingFlags.Static);
        var properties = typeof(BreakerDefaults).GetProperties(BindingFlags.Public | BindingFlags.Static);

        Assert.Empty(fields);
        Assert.Contains(properties, p => p.Name == nameof(BreakerDefaults.MaxLastCalls));
        Assert.All(properties, p => Assert.False(p.CanWrite, $"{p.Name} can be set"));
    }

    [Fact]
    public void BreakerDefaults_NewLimits_HaveTheDocumentedValues()
    {
        Assert.Equal(100_000, BreakerDefaults.MaxLastCalls);
        Assert.Equal(100, BreakerDefaults.MaxShadowPolicies);
        Assert.Equal(5, BreakerDefaults.ConsecutiveFailures);
    }

    [Fact]
    public void PublicTypes_NoneIsNamedCircuitState()
    {
        var names = typeof(Breaker).Assembly.GetExportedTypes().Select(t => t.Name).ToList();

        Assert.DoesNotContain("CircuitState", names);
        Assert.Contains(nameof(BreakerState), names);
    }

    [Fact]
    public async Task TimeProvider_IsTheOneGivenOrTheSystemClock()
    {
        var clock = BreakerTestKit.NewClock();
        await using var faked = BreakerTestKit.NewBreaker(clock);
        await using var real = new Breaker(new BreakerOptions());

        Assert.Same(clock, faked.TimeProvider);
        Assert.Same(TimeProvider.System, real.TimeProvider);
    }

    private static bool IsAwaitable(Type type) =>
        type == typeof(Task) || type == typeof(ValueTask)
        || (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)));
}
