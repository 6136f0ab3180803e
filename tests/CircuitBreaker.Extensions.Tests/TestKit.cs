using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Extensions.Tests;

/// <summary>Shared helpers: a container with a fake clock, configuration from key/value pairs, synchronous calls.</summary>
internal static class TestKit
{
    /// <summary>A safety net for awaits that must complete; never a way to wait for state.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static ServiceCollection Services(FakeTimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        return services;
    }

    public static IConfiguration Configuration(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    public static async Task FailAsync(this Breaker breaker) =>
        await breaker.TryExecuteAsync<int>(static _ => ValueTask.FromException<int>(new InvalidOperationException("boom"))).AsTask().WaitAsync(Timeout);
}
