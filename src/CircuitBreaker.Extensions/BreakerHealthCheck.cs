using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CircuitBreaker.Extensions;

/// <summary>Reports every registered breaker: healthy while closed, degraded while half-open, the registration's
/// failure status (unhealthy by default) while open or isolated; the check's status is the worst of them, and its data
/// holds each breaker's state by name.</summary>
internal sealed class BreakerHealthCheck(BreakerRegistry registry) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var failure = context.Registration?.FailureStatus ?? HealthStatus.Unhealthy;
        var worst = HealthStatus.Healthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var notClosed = new List<string>();
        foreach (var (name, breaker) in registry)
        {
            var state = breaker.State;
            data[name] = state.ToString();
            var status = state switch
            {
                BreakerState.Closed => HealthStatus.Healthy,
                BreakerState.HalfOpen => HealthStatus.Degraded,
                _ => failure,
            };

            // HealthStatus orders Unhealthy (0) < Degraded (1) < Healthy (2): the lowest is the worst.
            worst = status < worst ? status : worst;
            if (state != BreakerState.Closed)
            {
                notClosed.Add($"{name} is {state}");
            }
        }

        var description = notClosed.Count == 0 ? $"{data.Count} circuit breaker(s) closed." : string.Join("; ", notClosed) + ".";
        return Task.FromResult(new HealthCheckResult(worst, description, data: data));
    }
}
