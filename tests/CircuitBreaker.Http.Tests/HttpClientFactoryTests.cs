using System.Net;
using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests;

public sealed class HttpClientFactoryTests
{
    [Fact]
    public async Task AddHttpMessageHandler_FactoryClient_GoesThroughTheBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.ServiceUnavailable);
        var services = new ServiceCollection();
        services.AddHttpClient("kv", c => c.BaseAddress = new Uri("http://stub.test/"))
            .ConfigurePrimaryHttpMessageHandler(() => stub)
            .AddHttpMessageHandler(() => new CircuitBreakerHandler(breaker));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("kv");

        using (await client.GetAsync(new Uri("item", UriKind.Relative)))
        {
        }

        await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(new Uri("item", UriKind.Relative)));
        Assert.Equal(1, stub.Requests);
    }
}
