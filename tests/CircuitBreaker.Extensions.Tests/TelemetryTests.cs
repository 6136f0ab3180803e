using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace CircuitBreaker.Extensions.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Transitions_LoggedOnceEach_StructuredWithTheReasonsNumbers()
    {
        var clock = TestKit.NewClock();
        var services = TestKit.Services(clock);
        services.AddLogging(logging => logging.AddFakeLogging());
        services.AddCircuitBreaker("orders", o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(2);
            o.BreakDuration = TimeSpan.FromSeconds(10);
        });
        await using var container = services.BuildServiceProvider();
        var breaker = container.GetRequiredKeyedService<Breaker>("orders");
        var logs = container.GetFakeLogCollector();

        await breaker.FailAsync();
        await breaker.FailAsync();

        var opened = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Warning, opened.Level);
        Assert.Equal("BreakerTransition", opened.Id.Name);
        Assert.Equal("orders", opened.GetStructuredStateValue("BreakerName"));
        Assert.Equal("Closed", opened.GetStructuredStateValue("From"));
        Assert.Equal("Open", opened.GetStructuredStateValue("To"));
        Assert.Equal("ConsecutiveFailures", opened.GetStructuredStateValue("Rule"));
        Assert.Equal("2", opened.GetStructuredStateValue("Failures"));
        Assert.Equal("2", opened.GetStructuredStateValue("Threshold"));
        Assert.Contains("2 consecutive failures", opened.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_FromTheContainersMeterFactory_TaggedWithTheName()
    {
        var services = TestKit.Services(TestKit.NewClock());
        services.AddMetrics();
        services.AddCircuitBreaker("orders", o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        await using var container = services.BuildServiceProvider();
        using var transitions = new MetricCollector<long>(container.GetRequiredService<IMeterFactory>(), "CircuitBreaker", "circuitbreaker.transitions");
        var breaker = container.GetRequiredKeyedService<Breaker>("orders");

        await breaker.FailAsync();

        Assert.Equal("orders", Assert.Single(transitions.GetMeasurementSnapshot()).Tags["breaker.name"]);
    }
}
