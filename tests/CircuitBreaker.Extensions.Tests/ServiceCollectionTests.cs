using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CircuitBreaker.Extensions.Tests;

public sealed class ServiceCollectionTests
{
    [Fact]
    public void AddCircuitBreaker_KeyedSingleton_ResolvedByName()
    {
        var services = TestKit.Services(TestKit.NewClock());
        services.AddCircuitBreaker("orders", o => o.Policy = BreakerPolicy.ConsecutiveFailures(3));
        services.AddCircuitBreaker("payments", o => o.Policy = BreakerPolicy.LastCalls(10, 4));
        using var container = services.BuildServiceProvider();

        var orders = container.GetRequiredKeyedService<Breaker>("orders");

        Assert.Same(orders, container.GetRequiredKeyedService<Breaker>("orders"));
        Assert.Equal(("orders", "payments"), (orders.Name, container.GetRequiredKeyedService<Breaker>("payments").Name));
        Assert.Null(container.GetKeyedService<Breaker>("unknown"));
        var registry = container.GetRequiredService<BreakerRegistry>();
        Assert.Equal(["orders", "payments"], registry.Names);
        Assert.Same(orders, registry.Get("orders"));
        Assert.Equal(["orders", "payments"], registry.Select(p => p.Value.Name));
        Assert.Throws<KeyNotFoundException>(() => registry.Get("unknown"));
    }

    [Fact]
    public void AddCircuitBreaker_SameNameTwice_OneBreakerWithBothConfigurations()
    {
        var services = TestKit.Services(TestKit.NewClock());
        services.AddCircuitBreaker("orders", o => o.HalfOpenMaxCalls = 3);
        services.AddCircuitBreaker("orders", o => o.SuccessesToClose = 2);
        using var container = services.BuildServiceProvider();

        var options = container.GetRequiredService<IOptionsMonitor<BreakerOptions>>().Get("orders");

        Assert.Equal((3, 2), (options.HalfOpenMaxCalls, options.SuccessesToClose));
        Assert.Equal(["orders"], container.GetRequiredService<BreakerRegistry>().Names);
    }

    [Fact]
    public void AddCircuitBreaker_TimeFromTheContainer()
    {
        var clock = TestKit.NewClock();
        var services = TestKit.Services(clock);
        services.AddCircuitBreaker("orders", _ => { });
        using var container = services.BuildServiceProvider();

        Assert.Same(clock, container.GetRequiredKeyedService<Breaker>("orders").TimeProvider);
    }

    [Fact]
    public async Task ServiceProvider_SyncDispose_DisposesTheBreaker()
    {
        var services = TestKit.Services(TestKit.NewClock());
        services.AddCircuitBreaker("orders", _ => { });
        var container = services.BuildServiceProvider();
        var breaker = container.GetRequiredKeyedService<Breaker>("orders");

        container.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => breaker.GetSnapshotAsync().AsTask());
    }

    [Fact]
    public async Task ServiceProvider_AsyncDispose_DisposesTheBreaker()
    {
        var services = TestKit.Services(TestKit.NewClock());
        services.AddCircuitBreaker("orders", _ => { });
        var container = services.BuildServiceProvider();
        var breaker = container.GetRequiredKeyedService<Breaker>("orders");

        await container.DisposeAsync().AsTask().WaitAsync(TestKit.Timeout);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => breaker.GetSnapshotAsync().AsTask());
    }
}
