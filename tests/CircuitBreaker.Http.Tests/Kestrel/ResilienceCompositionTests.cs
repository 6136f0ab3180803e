using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>Ours inside Microsoft.Extensions.Http.Resilience's standard handler: every retry meets the breaker, and
/// once it has opened the retries see its rejection instead of reaching the server.</summary>
public sealed class ResilienceCompositionTests
{
    [Fact]
    public async Task StandardResilienceHandler_RetriesSeeTheRejection()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        var attempts = new ConcurrentQueue<string>();
        var counting = new CountingHandler();
        var client = services.AddHttpClient("api").ConfigurePrimaryHttpMessageHandler(() => counting);
        client.AddStandardResilienceHandler(o =>
            {
                o.Retry.MaxRetryAttempts = 3;
                o.Retry.Delay = TimeSpan.Zero;
                o.Retry.UseJitter = false;
                o.Retry.ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is CircuitOpenException || HttpClientResiliencePredicates.IsTransient(args.Outcome));
                o.Retry.OnRetry = args =>
                {
                    attempts.Enqueue(args.Outcome.Exception?.GetType().Name ?? ((int)args.Outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return default;
                };

                // The standard pipeline's own breaker is kept out of the way: ours is under test.
                o.CircuitBreaker.MinimumThroughput = 1000;
            });
        client.AddCircuitBreaker(o => o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(2));
        await using var container = services.BuildServiceProvider();
        var http = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        await Assert.ThrowsAsync<CircuitOpenException>(() => http.GetAsync(new Uri(server.Address, "fail")).WaitAsync(BreakerTestKit.Timeout));

        Assert.Equal(["500", "500", nameof(CircuitOpenException)], attempts);
        Assert.Equal(2, server.Requests);
        Assert.Equal((2, 2), (counting.Created, counting.Disposed));
    }
}
