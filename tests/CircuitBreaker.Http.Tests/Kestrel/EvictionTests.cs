using System.Net;
using CircuitBreaker.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests.Kestrel;

public sealed class EvictionTests
{
    [Fact]
    public async Task GetBreaker_BeyondTheCap_EvictsAndDisposesTheLeastRecentlyUsed()
    {
        await using var server = await KestrelServer.StartAsync(ports: 3);
        var (a, b, c) = (server.Addresses[0], server.Addresses[1], server.Addresses[2]);
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(o =>
        {
            o.Scope = HttpCircuitBreakerScope.Authority;
            o.MaxBreakers = 2;
            o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1);
        });
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        var provider = container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api");

        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(a, "ok")));
        Assert.Equal(HttpStatusCode.InternalServerError, await client.StatusAsync(new Uri(b, "fail")));
        var openB = provider.GetBreakers()[0];
        Assert.Equal(BreakerState.Open, openB.State);
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(a, "ok")));
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(c, "ok")));

        Assert.Equal(2, provider.Count);
        Assert.False(provider.TryGetBreaker(b, out _));
        Assert.True(provider.TryGetBreaker(a, out _));
        Assert.True(provider.TryGetBreaker(c, out _));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => openB.GetSnapshotAsync().AsTask());

        // The evicted authority starts again with a fresh, closed breaker (and evicts the now least recent, a).
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(b, "ok")));
        Uri[] mostRecentFirst = [b, c];
        Assert.Equal(mostRecentFirst.Select(x => "api/" + HttpCircuitBreakerProvider.AuthorityOf(x)), provider.GetBreakers().Select(x => x.Name));
    }

    [Fact]
    public void Options_MaxBreakers_DefaultsTo100()
    {
        Assert.Equal(100, HttpCircuitBreakerOptions.DefaultMaxBreakers);
        Assert.Equal(100, new HttpCircuitBreakerOptions().MaxBreakers);
    }

    [Fact]
    public void Provider_MaxBreakersBelowOne_Throws()
    {
        var options = new HttpCircuitBreakerOptions { Scope = HttpCircuitBreakerScope.Authority, MaxBreakers = 0 };

        Assert.Throws<ArgumentOutOfRangeException>(() => new HttpCircuitBreakerProvider("api", options));
    }
}
