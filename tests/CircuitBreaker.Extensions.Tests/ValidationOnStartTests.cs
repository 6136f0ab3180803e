using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CircuitBreaker.Extensions.Tests;

public sealed class ValidationOnStartTests
{
    [Fact]
    public async Task HostStart_InvalidOptions_FailsNamingEveryProblem()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCircuitBreaker("orders", o =>
        {
            o.HalfOpenMaxCalls = 0;
            o.TrialDeadline = TimeSpan.Zero;
        });
        builder.Services.AddCircuitBreaker("payments", o => o.Name = " ");
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync().WaitAsync(TestKit.Timeout));

        var failures = (error is AggregateException all ? all.InnerExceptions : [error]).OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains("Circuit breaker 'orders': HalfOpenMaxCalls must be between 1 and 10000 (was 0).", failures);
        Assert.Contains(failures, f => f.StartsWith("Circuit breaker 'orders': TrialDeadline must be greater than 0", StringComparison.Ordinal));
        Assert.Contains("Circuit breaker 'payments': Name must not be empty.", failures);
    }

    [Fact]
    public async Task HostStart_ValidOptions_Starts()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCircuitBreaker("orders", o => o.Policy = BreakerPolicy.ConsecutiveFailures(2));
        using var host = builder.Build();

        await host.StartAsync().WaitAsync(TestKit.Timeout);
        await host.StopAsync().WaitAsync(TestKit.Timeout);
    }
}
