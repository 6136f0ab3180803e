using System.Diagnostics.Metrics;
using CircuitBreaker.Controller;

namespace CircuitBreaker.Telemetry;

/// <summary>The breaker's <see cref="System.Diagnostics.Metrics"/> instruments, on a <see cref="Meter"/> named
/// <see cref="MeterName"/> and tagged with the breaker's name, so <c>dotnet-counters monitor --counters CircuitBreaker</c>
/// can watch a live process. Counters are lock-free and may be updated from any thread.</summary>
internal sealed class BreakerMetrics : IDisposable
{
    public const string MeterName = "CircuitBreaker";
    public const string NameTag = "breaker.name";

    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
    [
        new("outcome", "success"),
        new("outcome", "failure"),
        new("outcome", "ignored"),
    ];

    private static readonly string[] StateNames = ["closed", "open", "half-open", "isolated"];

    private readonly KeyValuePair<string, object?> _name;
    private readonly Counter<long> _calls;
    private readonly Counter<long> _rejections;
    private readonly Counter<long> _transitions;

    public BreakerMetrics(string breakerName, Func<CircuitState> currentState)
    {
        _name = new(NameTag, breakerName);
        Meter = new Meter(MeterName);
        _calls = Meter.CreateCounter<long>("circuitbreaker.calls", "{call}", "Calls that ran, by outcome (success, failure, ignored).");
        _rejections = Meter.CreateCounter<long>("circuitbreaker.rejections", "{call}", "Calls rejected without running, by the state that rejected them.");
        _transitions = Meter.CreateCounter<long>("circuitbreaker.transitions", "{transition}", "State changes, by from and to state.");
        var name = _name;
        Meter.CreateObservableGauge(
            "circuitbreaker.state",
            () => new Measurement<int>((int)currentState(), name),
            "{state}",
            "Current state: 0 closed, 1 open, 2 half-open, 3 isolated.");
    }

    public Meter Meter { get; }

    public void Call(OutcomeKind outcome) => _calls.Add(1, _name, OutcomeTags[(int)outcome]);

    public void Rejection(CircuitState state) => _rejections.Add(1, _name, new KeyValuePair<string, object?>("state", StateNames[(int)state]));

    public void Transition(CircuitState from, CircuitState to) =>
        _transitions.Add(1, _name, new("from", StateNames[(int)from]), new("to", StateNames[(int)to]));

    public void Dispose() => Meter.Dispose();
}
