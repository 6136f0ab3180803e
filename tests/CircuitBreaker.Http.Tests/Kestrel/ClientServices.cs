using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>A container with the test's fake clock as its <see cref="TimeProvider"/>, logging and metrics.</summary>
internal static class ClientServices
{
    public static ServiceCollection Create(FakeTimeProvider clock)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddLogging();
        services.AddMetrics();
        return services;
    }

    public static async Task<System.Net.HttpStatusCode> StatusAsync(this HttpClient client, Uri address)
    {
        using var response = await client.GetAsync(address).WaitAsync(BreakerTestKit.Timeout);
        return response.StatusCode;
    }
}
