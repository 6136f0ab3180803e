using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CircuitBreaker.Http;

/// <summary>The container's providers, one per breaker name (by default the client's name), and each factory client's
/// current <see cref="HttpClient.Timeout"/>. A singleton: breakers outlive the factory's handler pipelines, which are
/// rebuilt every few minutes, so their state is kept here and not in a handler.</summary>
internal sealed class HttpCircuitBreakerRegistry(IServiceProvider services) : IDisposable, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HttpCircuitBreakerProvider>> _providers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TimeSpan> _clientTimeouts = new(StringComparer.Ordinal);

    /// <summary>The provider that serves <paramref name="clientName"/>: its own, or the one of the breaker name its
    /// options give.</summary>
    public HttpCircuitBreakerProvider ProviderFor(string clientName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<HttpCircuitBreakerOptions>>().Get(clientName);
        var name = string.IsNullOrEmpty(options.Name) ? clientName : options.Name;
        if (string.IsNullOrEmpty(name))
        {
            name = "http";
        }

        // Lazy, so that two clients racing to their first request create one provider, not two.
        return _providers.GetOrAdd(name, key => new Lazy<HttpCircuitBreakerProvider>(() => new HttpCircuitBreakerProvider(
            key,
            options,
            services.GetService<TimeProvider>(),
            services.GetService<IMeterFactory>(),
            services.GetService<ILoggerFactory>()?.CreateLogger<HttpCircuitBreakerProvider>()))).Value;
    }

    /// <summary>Creates the handler of one pipeline of <paramref name="clientName"/>.</summary>
    public CircuitBreakerHandler CreateHandler(string clientName)
    {
        var options = services.GetRequiredService<IOptionsMonitor<HttpCircuitBreakerOptions>>().Get(clientName);
        return new CircuitBreakerHandler(ProviderFor(clientName))
        {
            RequestTimeout = options.RequestTimeout,
            ClassifyResponse = options.ClassifyResponse,
            ClientTimeoutSource = () => _clientTimeouts.TryGetValue(clientName, out var timeout) ? timeout : null,
        };
    }

    /// <summary>Remembers the timeout a client was created with.</summary>
    public void RecordClientTimeout(string clientName, TimeSpan timeout) => _clientTimeouts[clientName] = timeout;

    public void Dispose()
    {
        foreach (var provider in _providers.Values)
        {
            if (provider.IsValueCreated)
            {
                provider.Value.Dispose();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers.Values)
        {
            if (provider.IsValueCreated)
            {
                await provider.Value.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
