using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>Every response the real server sent is either returned to the caller (who disposes it) or disposed:
/// counted at the primary handler.</summary>
public sealed class ResponseDisposalTests
{
    [Fact]
    public async Task SendAsync_EveryResponse_ReturnedOrDisposed()
    {
        await using var server = await KestrelServer.StartAsync(ports: 2);
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        var counting = new CountingHandler();
        services.AddHttpClient("api")
            .ConfigurePrimaryHttpMessageHandler(() => counting)
            .AddCircuitBreaker(o =>
            {
                o.Scope = HttpCircuitBreakerScope.Authority;
                o.MaxBreakers = 1;
                o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(2);
                o.ClassifyResponse = r => r.StatusCode == HttpStatusCode.NotFound ? throw new InvalidOperationException("classifier bug") : CircuitBreakerHandler.DefaultClassifyResponse(r, clock.GetUtcNow());
            });
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        string[] paths = ["ok", "status/404", "status/503?retryAfter=1", "fail", "ok", "status/429", "ok"];

        foreach (var path in paths)
        {
            foreach (var address in server.Addresses)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri(address, path)).WaitAsync(BreakerTestKit.Timeout);
                }
                catch (CircuitOpenException)
                {
                }
            }
        }

        using (var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "status/500")))
        using (client.Send(request))
        {
        }

        Assert.True(counting.Created > 0);
        Assert.Equal(server.Requests, counting.Created);
        Assert.Equal(counting.Created, counting.Disposed);
    }
}
