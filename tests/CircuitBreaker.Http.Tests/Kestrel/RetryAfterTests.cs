using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>A real server's <c>Retry-After</c>, in seconds and as an HTTP date, sets how long the circuit stays open.</summary>
public sealed class RetryAfterTests
{
    [Fact]
    public async Task SendAsync_503WithRetryAfterSeconds_OpenExactlyThatLong()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        await using var container = Container(clock);
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await client.StatusAsync(new Uri(server.Address, "status/503?retryAfter=7")));

        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(new Uri(server.Address, "ok")));
        Assert.Equal(TimeSpan.FromSeconds(7), rejected.RetryAfter);
        var breaker = Breaker(container);
        clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        Assert.Equal(BreakerState.Open, breaker.State);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterDate_OpenUntilThatDate()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        await using var container = Container(clock);
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(90);

        Assert.Equal(HttpStatusCode.TooManyRequests, await client.StatusAsync(new Uri(server.Address, $"status/429?retryAfterDate={until.ToUnixTimeSeconds()}")));

        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(new Uri(server.Address, "ok")));
        Assert.Equal(TimeSpan.FromSeconds(90), rejected.RetryAfter);
        clock.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(BreakerState.HalfOpen, Breaker(container).State);
        Assert.Equal(HttpStatusCode.OK, await client.StatusAsync(new Uri(server.Address, "ok")));
        Assert.Equal(BreakerState.Closed, Breaker(container).State);
    }

    private static Breaker Breaker(IServiceProvider container) =>
        Assert.Single(container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api").GetBreakers());

    private static ServiceProvider Container(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(o =>
        {
            o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.Breaker.BreakDuration = TimeSpan.FromMinutes(1);
        });
        return services.BuildServiceProvider();
    }
}
