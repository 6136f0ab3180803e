using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary><c>ConfigureHttpClientDefaults</c> gives every named client breakers of its own, unless they are told to share.</summary>
public sealed class ClientDefaultsTests
{
    [Fact]
    public async Task ConfigureHttpClientDefaults_EachNamedClientHasItsOwnBreaker()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.ConfigureHttpClientDefaults(b => b.AddCircuitBreaker(o => o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1)));
        services.AddHttpClient("a");
        services.AddHttpClient("b");
        await using var container = services.BuildServiceProvider();
        var factory = container.GetRequiredService<IHttpClientFactory>();

        Assert.Equal(HttpStatusCode.InternalServerError, await factory.CreateClient("a").StatusAsync(new Uri(server.Address, "fail")));
        await Assert.ThrowsAsync<CircuitOpenException>(() => factory.CreateClient("a").GetAsync(new Uri(server.Address, "ok")));

        Assert.Equal(HttpStatusCode.OK, await factory.CreateClient("b").StatusAsync(new Uri(server.Address, "ok")));
        var (a, b) = (container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("a"), container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("b"));
        Assert.NotSame(a, b);
        Assert.Equal(("a", BreakerState.Open), (a.GetBreakers()[0].Name, a.GetBreakers()[0].State));
        Assert.Equal(("b", BreakerState.Closed), (b.GetBreakers()[0].Name, b.GetBreakers()[0].State));
        Assert.Equal(2, server.Requests);
    }

    [Fact]
    public async Task ConfigureHttpClientDefaults_SameName_ClientsShareTheirBreaker()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.ConfigureHttpClientDefaults(b => b.AddCircuitBreaker(o =>
        {
            o.Name = "shared";
            o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1);
        }));
        services.AddHttpClient("a");
        services.AddHttpClient("b");
        await using var container = services.BuildServiceProvider();
        var factory = container.GetRequiredService<IHttpClientFactory>();

        Assert.Equal(HttpStatusCode.InternalServerError, await factory.CreateClient("a").StatusAsync(new Uri(server.Address, "fail")));

        await Assert.ThrowsAsync<CircuitOpenException>(() => factory.CreateClient("b").GetAsync(new Uri(server.Address, "ok")));
        Assert.Same(container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("a"), container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("b"));
    }

    [Fact]
    public async Task Container_Dispose_DisposesTheBreakers()
    {
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker();
        var container = services.BuildServiceProvider();
        _ = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        var breaker = container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api").GetBreakers()[0];

        container.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => breaker.GetSnapshotAsync().AsTask());
    }
}
