using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;

namespace CircuitBreaker.Telemetry;

/// <summary>The library's instruments on one <see cref="System.Diagnostics.Metrics.Meter"/>: one set for the process
/// (a static meter that holds no reference to any breaker, so a breaker nobody disposed is still collected), or one
/// set per meter an <see cref="IMeterFactory"/> hands out.</summary>
internal sealed class BreakerInstruments
{
    public const string MeterName = "CircuitBreaker";

    private static readonly ConditionalWeakTable<Meter, BreakerInstruments> ByMeter = [];

    private BreakerInstruments(Meter meter)
    {
        Meter = meter;
        Calls = meter.CreateCounter<long>("circuitbreaker.calls", "{call}", "Calls that ran, by outcome (success, failure, ignored).");
        Rejections = meter.CreateCounter<long>("circuitbreaker.rejections", "{call}", "Calls rejected without running, by the state that rejected them.");
        Transitions = meter.CreateCounter<long>("circuitbreaker.transitions", "{transition}", "State changes, by from and to state; a shadow policy's would-be changes carry breaker.shadow.");
        State = meter.CreateGauge<int>("circuitbreaker.state", "{state}", "Current state: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    public static BreakerInstruments Shared { get; } = new(new Meter(MeterName));

    public Meter Meter { get; }

    public Counter<long> Calls { get; }

    public Counter<long> Rejections { get; }

    public Counter<long> Transitions { get; }

    public Gauge<int> State { get; }

    public static BreakerInstruments For(IMeterFactory? factory) =>
        factory is null ? Shared : ByMeter.GetValue(factory.Create(new MeterOptions(MeterName)), static meter => new BreakerInstruments(meter));
}
