using System.Diagnostics.Metrics;

namespace CircuitBreaker.Redis;

/// <summary>The package's instruments, on one meter for the process (<c>CircuitBreaker.Redis</c>).</summary>
internal static class SharedStateMetrics
{
    public const string MeterName = "CircuitBreaker.Redis";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Moves to local mode and back: +1 when Redis becomes unreachable, −1 when it is back; the sum is the
    /// number of shared-state connections now running as local breakers.</summary>
    public static readonly UpDownCounter<int> Detached = Meter.CreateUpDownCounter<int>(
        "circuitbreaker.shared.detached", "{connection}", "Shared-state connections whose breakers run as local breakers because Redis is unreachable.");

    /// <summary>Batches of outcomes written to Redis.</summary>
    public static readonly Counter<long> Batches = Meter.CreateCounter<long>(
        "circuitbreaker.shared.batches", "{batch}", "Batches of closed calls' outcomes written to Redis.");
}
