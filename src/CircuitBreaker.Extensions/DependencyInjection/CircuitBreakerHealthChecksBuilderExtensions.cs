using CircuitBreaker.Extensions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the circuit breakers' health check.</summary>
public static class CircuitBreakerHealthChecksBuilderExtensions
{
    /// <summary>Adds one check reporting every breaker registered with <c>AddCircuitBreaker</c>: Healthy while closed,
    /// Degraded while half-open, <paramref name="failureStatus"/> while open or isolated; the worst of them is the
    /// check's status, and its data holds each breaker's state by name.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status of an open or isolated breaker; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">The check's tags.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddCircuitBreakers(this IHealthChecksBuilder builder, string name = "circuit-breakers", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.TryAddSingleton(static provider => new BreakerRegistry(provider, provider.GetServices<BreakerRegistration>().Select(r => r.Name)));
        return builder.Add(new HealthCheckRegistration(name, static provider => new BreakerHealthCheck(provider.GetRequiredService<BreakerRegistry>()), failureStatus, tags));
    }
}
