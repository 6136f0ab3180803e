using System.Net;
using CircuitBreaker.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using System.Diagnostics.Metrics;

namespace CircuitBreaker.Http.Tests.Kestrel;

public sealed class PerAuthorityTests
{
    [Fact]
    public async Task AddCircuitBreaker_PerAuthority_OneFailingHostOpensOnlyItsBreaker()
    {
        await using var server = await KestrelServer.StartAsync(ports: 2);
        var (failing, healthy) = (server.Addresses[0], server.Addresses[1]);
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(Configure);
        await using var container = services.BuildServiceProvider();
        using var transitions = new MetricCollector<long>(container.GetRequiredService<IMeterFactory>(), "CircuitBreaker", "circuitbreaker.transitions");
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        Assert.Equal(HttpStatusCode.InternalServerError, await client.StatusAsync(new Uri(failing, "fail")));
        Assert.Equal(HttpStatusCode.InternalServerError, await client.StatusAsync(new Uri(failing, "fail")));
        await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(new Uri(failing, "ok")));
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(healthy, "ok")));

        var provider = container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api");
        Assert.Equal(2, provider.Count);
        Assert.True(provider.TryGetBreaker(failing, out var failingBreaker));
        Assert.True(provider.TryGetBreaker(healthy, out var healthyBreaker));
        Assert.Equal((BreakerState.Open, BreakerState.Closed), (failingBreaker.State, healthyBreaker.State));
        Assert.Equal("api/" + HttpCircuitBreakerProvider.AuthorityOf(failing), failingBreaker.Name);
        var opened = Assert.Single(transitions.GetMeasurementSnapshot());
        Assert.Equal(failingBreaker.Name, opened.Tags["breaker.name"]);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Provider_ManualControl_IsolatesOneAuthority()
    {
        await using var server = await KestrelServer.StartAsync(ports: 2);
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(Configure);
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        var provider = container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api");

        await provider.GetBreaker(server.Addresses[0]).IsolateAsync();

        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(new Uri(server.Addresses[0], "ok")));
        Assert.Equal(BreakerState.Isolated, rejected.State);
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(server.Addresses[1], "ok")));
        await provider.GetBreaker(server.Addresses[0]).ResetAsync();
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(server.Addresses[0], "ok")));
    }

    [Fact]
    public async Task AddCircuitBreaker_ClientScope_OneBreakerForEveryHost()
    {
        await using var server = await KestrelServer.StartAsync(ports: 2);
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(o => o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        Assert.Equal(HttpStatusCode.InternalServerError, await client.StatusAsync(new Uri(server.Addresses[0], "fail")));

        await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(new Uri(server.Addresses[1], "ok")));
        var provider = container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api");
        Assert.Equal("api", Assert.Single(provider.GetBreakers()).Name);
    }

    private static void Configure(HttpCircuitBreakerOptions options)
    {
        options.Scope = HttpCircuitBreakerScope.Authority;
        options.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(2);
        options.Breaker.BreakDuration = BreakerTestKit.Break;
    }
}
