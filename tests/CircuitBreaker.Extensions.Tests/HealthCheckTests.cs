using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircuitBreaker.Extensions.Tests;

public sealed class HealthCheckTests
{
    [Fact]
    public async Task CheckHealth_Closed_Healthy_HalfOpen_Degraded_OpenOrIsolated_Unhealthy()
    {
        var clock = TestKit.NewClock();
        var services = TestKit.Services(clock);
        services.AddLogging();
        services.AddCircuitBreaker("orders", o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.BreakDuration = TimeSpan.FromSeconds(10);
        });
        services.AddCircuitBreaker("payments", _ => { });
        services.AddHealthChecks().AddCircuitBreakers();
        await using var container = services.BuildServiceProvider();
        var health = container.GetRequiredService<HealthCheckService>();
        var orders = container.GetRequiredKeyedService<Breaker>("orders");
        var payments = container.GetRequiredKeyedService<Breaker>("payments");

        var closed = await CheckAsync(health);
        await orders.FailAsync();
        var open = await CheckAsync(health);
        clock.Advance(TimeSpan.FromSeconds(10));
        var halfOpen = await CheckAsync(health);
        await payments.IsolateAsync();
        var isolated = await CheckAsync(health);

        Assert.Equal(HealthStatus.Healthy, closed.Status);
        Assert.Equal(("Closed", "Closed"), (closed.Data["orders"], closed.Data["payments"]));
        Assert.Equal((HealthStatus.Unhealthy, "Open"), (open.Status, open.Data["orders"]));
        Assert.Equal((HealthStatus.Degraded, "HalfOpen"), (halfOpen.Status, halfOpen.Data["orders"]));
        Assert.Equal((HealthStatus.Unhealthy, "Isolated"), (isolated.Status, isolated.Data["payments"]));
        Assert.Equal("orders is HalfOpen; payments is Isolated.", isolated.Description);
    }

    private static async Task<HealthReportEntry> CheckAsync(HealthCheckService health) =>
        (await health.CheckHealthAsync().WaitAsync(TestKit.Timeout)).Entries["circuit-breakers"];
}
