using CircuitBreaker.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a circuit breaker to an <see cref="IHttpClientFactory"/> client.</summary>
public static class HttpClientBuilderCircuitBreakerExtensions
{
    /// <summary>Puts the client's requests through its breakers: one for the client, or one per authority
    /// (<see cref="HttpCircuitBreakerOptions.Scope"/>). The handler is added where this is called in the client's
    /// pipeline: after <c>AddStandardResilienceHandler</c>, inside its retries, so each retry meets the breaker. The
    /// breakers live in a keyed singleton <see cref="HttpCircuitBreakerProvider"/> (key: the client's name) that keeps
    /// their state across the factory's handler rotations; with <c>ConfigureHttpClientDefaults</c> every named client
    /// still gets breakers of its own unless <see cref="HttpCircuitBreakerOptions.Name"/> says otherwise. Time comes
    /// from the container's <see cref="TimeProvider"/>, metrics from its <c>IMeterFactory</c>, transition logs go to its
    /// <c>ILoggerFactory</c>.</summary>
    /// <param name="builder">The client's builder.</param>
    /// <param name="configure">Configures the breakers; run once per client name.</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddCircuitBreaker(this IHttpClientBuilder builder, Action<HttpCircuitBreakerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(static provider => new HttpCircuitBreakerRegistry(provider));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<HttpClientFactoryOptions>, ClientTimeoutCapture>());
        services.TryAddKeyedSingleton<HttpCircuitBreakerProvider>(
            KeyedService.AnyKey,
            static (provider, key) => provider.GetRequiredService<HttpCircuitBreakerRegistry>().ProviderFor(key as string ?? Options.Options.DefaultName));
        if (configure is not null)
        {
            // A builder from ConfigureHttpClientDefaults has no name: its configuration is every client's.
            if (builder.Name is null)
            {
                services.ConfigureAll(configure);
            }
            else
            {
                services.Configure(builder.Name, configure);
            }
        }

        // The handler builder's actions, not ConfigureAdditionalHttpMessageHandlers, because they see the client's name:
        // a builder from ConfigureHttpClientDefaults has none, and each client must still get breakers of its own.
        Action<HttpClientFactoryOptions> addHandlers = static options => options.HttpMessageHandlerBuilderActions.Add(static handlers =>
        {
            var registry = handlers.Services.GetRequiredService<HttpCircuitBreakerRegistry>();

            // The stamp goes first, outside every other handler, so that the client's timeout is measured from where
            // HttpClient starts it; the breaker goes where AddCircuitBreaker was called.
            handlers.AdditionalHandlers.Insert(0, new RequestStartHandler());
            handlers.AdditionalHandlers.Add(registry.CreateHandler(handlers.Name ?? Options.Options.DefaultName));
        });
        if (builder.Name is null)
        {
            services.ConfigureAll(addHandlers);
        }
        else
        {
            services.Configure(builder.Name, addHandlers);
        }

        return builder;
    }
}
