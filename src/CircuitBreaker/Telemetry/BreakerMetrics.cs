namespace CircuitBreaker.Telemetry;

/// <summary>One breaker's measurements, tagged with its name, so <c>dotnet-counters monitor --counters CircuitBreaker</c>
/// can watch a live process. Lock-free; may be used from any thread.</summary>
internal sealed class BreakerMetrics
{
    public const string NameTag = "breaker.name";
    public const string ShadowTag = "breaker.shadow";

    private static readonly KeyValuePair<string, object?>[] OutcomeTags =
    [
        new("outcome", "success"),
        new("outcome", "failure"),
        new("outcome", "ignored"),
    ];

    private static readonly string[] StateNames = ["closed", "open", "half-open", "isolated"];

    private readonly BreakerInstruments _instruments;
    private readonly KeyValuePair<string, object?> _name;

    public BreakerMetrics(string breakerName, BreakerInstruments instruments)
    {
        _instruments = instruments;
        _name = new(NameTag, breakerName);
        _instruments.State.Record((int)BreakerState.Closed, _name);
    }

    public System.Diagnostics.Metrics.Meter Meter => _instruments.Meter;

    // The Enabled checks keep the calls' hot paths to one field read when nobody listens.
    public void Call(CallVerdictKind outcome)
    {
        if (_instruments.Calls.Enabled)
        {
            _instruments.Calls.Add(1, _name, OutcomeTags[(int)outcome]);
        }
    }

    public void Rejection(BreakerState state)
    {
        if (_instruments.Rejections.Enabled)
        {
            _instruments.Rejections.Add(1, _name, new KeyValuePair<string, object?>("state", StateNames[(int)state]));
        }
    }

    public void Transition(CircuitTransition transition)
    {
        var from = new KeyValuePair<string, object?>("from", StateNames[(int)transition.From]);
        var to = new KeyValuePair<string, object?>("to", StateNames[(int)transition.To]);
        if (transition.Shadow is { } shadow)
        {
            _instruments.Transitions.Add(1, _name, from, to, new(ShadowTag, shadow));
            return;
        }

        _instruments.Transitions.Add(1, _name, from, to);
        _instruments.State.Record((int)transition.To, _name);
    }
}
