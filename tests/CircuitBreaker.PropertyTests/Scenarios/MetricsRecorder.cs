using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Totals the counters one breaker records on the library's meter (calls by outcome, rejections by state,
/// transitions by from and to, and by shadow), keyed by instrument name and tag values with the breaker's name left
/// out, e.g. <c>circuitbreaker.rejections state=Open</c>; and keeps the last value of its state gauge. Every breaker of
/// the process records on the same meter, so measurements are told apart by their <c>breaker.name</c> tag. State tags
/// are read as <see cref="BreakerState"/> names whatever their spelling ("half-open" is HalfOpen), so the comparison
/// does not depend on it.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private const string NameTag = "breaker.name";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly string _breakerName;
    private int _state = -1;

    /// <summary>Starts listening before the breaker named <paramref name="breakerName"/> is created, so that the state it
    /// records at creation is seen too.</summary>
    public MetricsRecorder(string meterName, string breakerName)
    {
        _breakerName = breakerName;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName && instrument is Counter<long> or Gauge<int>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnCount);
        _listener.SetMeasurementEventCallback<int>(OnGauge);
        _listener.Start();
    }

    /// <summary>The totals so far, sorted, as "key ×count" texts.</summary>
    public IReadOnlyList<string> Totals => [.. _totals.Where(t => t.Value != 0).Select(t => $"{t.Key} ×{t.Value}").Order(StringComparer.Ordinal)];

    /// <summary>The last value the breaker recorded on <c>circuitbreaker.state</c>, as a state; null when none yet.</summary>
    public BreakerState? State => Volatile.Read(ref _state) is var state and >= 0 ? (BreakerState)state : null;

    public static string Key(string instrument, params (string Tag, string Value)[] tags) =>
        instrument + string.Concat(tags.OrderBy(t => t.Tag, StringComparer.Ordinal).Select(t => $" {t.Tag}={t.Value}"));

    public void Dispose() => _listener.Dispose();

    private bool IsMine(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == NameTag)
            {
                return Equals(tag.Value, _breakerName);
            }
        }

        return false;
    }

    private void OnCount(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (!IsMine(tags))
        {
            return;
        }

        var values = new List<(string Tag, string Value)>();
        foreach (var tag in tags)
        {
            if (tag.Key != NameTag)
            {
                values.Add((tag.Key, Normalize(tag.Key, tag.Value?.ToString() ?? "")));
            }
        }

        _totals.AddOrUpdate(Key(instrument.Name, [.. values]), measurement, (_, total) => total + measurement);
    }

    private void OnGauge(Instrument instrument, int measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (IsMine(tags))
        {
            Volatile.Write(ref _state, measurement);
        }
    }

    private static string Normalize(string tag, string value) =>
        tag is "state" or "from" or "to" && Enum.TryParse<BreakerState>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var state)
            ? state.ToString()
            : value;
}
