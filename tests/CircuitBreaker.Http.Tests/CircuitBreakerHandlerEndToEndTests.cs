using System.Net;

namespace CircuitBreaker.Http.Tests;

public sealed class CircuitBreakerHandlerEndToEndTests
{
    [Fact]
    public async Task RealServer_Answering500_OpensCircuit_ThenRecoversAfterBreak()
    {
        await using var server = new TinyHttpServer();
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, new SocketsHttpHandler())) { Timeout = BreakerTestKit.Timeout };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, server.Address));
        server.Failing = true;
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(client, server.Address));
        Assert.Equal(HttpStatusCode.InternalServerError, await StatusAsync(client, server.Address));

        await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(server.Address));
        Assert.Equal(3, server.Requests);

        server.Failing = false;
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, server.Address));
        Assert.Equal(BreakerState.Closed, breaker.State);
        Assert.Equal(4, server.Requests);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri address)
    {
        using var response = await client.GetAsync(address).WaitAsync(BreakerTestKit.Timeout);
        return response.StatusCode;
    }
}
