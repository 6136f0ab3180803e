using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>The synchronous <see cref="HttpClient.Send(HttpRequestMessage)"/> goes through the breaker over a real
/// socket: failures open it, the rejection is synchronous, and a half-open trial (which needs the breaker's actor)
/// closes it.</summary>
public sealed class SyncSendTests
{
    [Fact]
    public async Task Send_Synchronous_OpensRejectsAndRecovers()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(o =>
        {
            o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.Breaker.BreakDuration = BreakerTestKit.Break;
        });
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        // Run off the test's thread so that a sync-over-async deadlock would show as a timeout, not a hang.
        await Task.Run(() =>
        {
            Assert.Equal(HttpStatusCode.OK, Send(client, new Uri(server.Address, "ok")));
            Assert.Equal(HttpStatusCode.InternalServerError, Send(client, new Uri(server.Address, "fail")));
            Assert.Equal(HttpStatusCode.InternalServerError, Send(client, new Uri(server.Address, "fail")));
            Assert.Throws<CircuitOpenException>(() => Send(client, new Uri(server.Address, "ok")));
            clock.Advance(BreakerTestKit.Break);
            Assert.Equal(HttpStatusCode.OK, Send(client, new Uri(server.Address, "ok")));
        }).WaitAsync(BreakerTestKit.Timeout);

        Assert.Equal(BreakerState.Closed, Assert.Single(container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api").GetBreakers()).State);
        Assert.Equal(4, server.Requests);
    }

    private static HttpStatusCode Send(HttpClient client, Uri address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, address);
        using var response = client.Send(request);
        return response.StatusCode;
    }
}
