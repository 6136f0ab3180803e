using Microsoft.Extensions.DependencyInjection;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary><see cref="HttpClient.Timeout"/> counts as a failure; the caller's own cancellation counts for nothing.</summary>
public sealed class TimeoutTests
{
    [Fact]
    public async Task SendAsync_HttpClientTimeoutElapses_CountsAsFailure()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        await using var container = Container(clock, TimeSpan.FromMilliseconds(300));
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        // The wait is HttpClient's own timeout on the system clock; the breaker's state is read, not waited for.
        var thrown = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(new Uri(server.Address, "hang")).WaitAsync(BreakerTestKit.Timeout));

        Assert.IsType<TimeoutException>(thrown.InnerException);
        Assert.Equal(BreakerState.Open, Breaker(container).State);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_IsNotAFailure()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        await using var container = Container(clock, TimeSpan.FromSeconds(30));
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");
        using var cancellation = new CancellationTokenSource();

        var sending = client.GetAsync(new Uri(server.Address, "hang"), cancellation.Token);
        await server.WaitForHangingRequestAsync();
        await cancellation.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(BreakerTestKit.Timeout));
        Assert.IsNotType<TimeoutException>(thrown.InnerException);
        Assert.Equal(BreakerState.Closed, Breaker(container).State);
        Assert.Equal(0, (await Breaker(container).SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task SendAsync_RequestTimeoutOnTheBreakersClock_CountsAsFailure()
    {
        await using var server = await KestrelServer.StartAsync();
        var clock = BreakerTestKit.NewClock();
        var services = ClientServices.Create(clock);
        services.AddHttpClient("api").AddCircuitBreaker(o =>
        {
            o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.RequestTimeout = TimeSpan.FromSeconds(2);
        });
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<IHttpClientFactory>().CreateClient("api");

        var sending = client.GetAsync(new Uri(server.Address, "hang"));
        await server.WaitForHangingRequestAsync();
        clock.Advance(TimeSpan.FromSeconds(2));

        var thrown = await Assert.ThrowsAsync<TaskCanceledException>(() => sending.WaitAsync(BreakerTestKit.Timeout));
        Assert.IsType<TimeoutException>(thrown.InnerException);
        Assert.Equal(BreakerState.Open, Breaker(container).State);
    }

    private static Breaker Breaker(IServiceProvider container) =>
        Assert.Single(container.GetRequiredKeyedService<HttpCircuitBreakerProvider>("api").GetBreakers());

    private static ServiceProvider Container(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, TimeSpan clientTimeout)
    {
        var services = ClientServices.Create(clock);

        // ConfigureHttpClient after AddCircuitBreaker on purpose: the breaker must see the client's final timeout.
        services.AddHttpClient("api")
            .AddCircuitBreaker(o => o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(1))
            .ConfigureHttpClient(c => c.Timeout = clientTimeout);
        return services.BuildServiceProvider();
    }
}
