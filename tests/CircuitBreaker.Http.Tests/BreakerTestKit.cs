using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Http.Tests;

/// <summary>Shared helpers: a breaker on a fake clock.</summary>
internal static class BreakerTestKit
{
    /// <summary>A safety net for awaits that must complete; never a way to wait for state.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Break = TimeSpan.FromSeconds(10);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Breaker NewBreaker(TimeProvider clock, Action<BreakerOptions>? configure = null)
    {
        var options = new BreakerOptions { BreakDuration = Break };
        configure?.Invoke(options);
        return new Breaker(options, clock);
    }

    public static async Task<BreakerSnapshot> SnapshotAsync(this Breaker breaker) =>
        await breaker.GetSnapshotAsync().AsTask().WaitAsync(Timeout);
}
