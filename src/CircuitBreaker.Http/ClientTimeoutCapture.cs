using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace CircuitBreaker.Http;

/// <summary>Adds, after every other configuration of each factory client, an action that records the client's final
/// <see cref="HttpClient.Timeout"/> in the registry, so that the breaker's handler can tell the timeout from the
/// caller's cancellation. A post-configuration, so that a <c>ConfigureHttpClient</c> registered after
/// <c>AddCircuitBreaker</c> is seen too.</summary>
internal sealed class ClientTimeoutCapture(HttpCircuitBreakerRegistry registry) : IPostConfigureOptions<HttpClientFactoryOptions>
{
    public void PostConfigure(string? name, HttpClientFactoryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientName = name ?? Options.DefaultName;
        options.HttpClientActions.Add(client => registry.RecordClientTimeout(clientName, client.Timeout));
    }
}
