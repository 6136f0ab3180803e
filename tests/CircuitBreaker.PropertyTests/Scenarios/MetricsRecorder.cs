using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Totals the counters of one breaker's meter (calls by outcome, rejections by state, transitions by from and
/// to), keyed by instrument name and tag values with the breaker's name left out, e.g.
/// <c>circuitbreaker.rejections state=Open</c>. State tags are read as <see cref="CircuitState"/> names whatever
/// their spelling ("half-open" is HalfOpen), so the comparison does not depend on it.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public MetricsRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument is Counter<long>)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The totals so far, sorted, as "key ×count" texts.</summary>
    public IReadOnlyList<string> Totals => [.. _totals.Where(t => t.Value != 0).Select(t => $"{t.Key} ×{t.Value}").Order(StringComparer.Ordinal)];

    public static string Key(string instrument, params (string Tag, string Value)[] tags) =>
        instrument + string.Concat(tags.OrderBy(t => t.Tag, StringComparer.Ordinal).Select(t => $" {t.Tag}={t.Value}"));

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        var values = new List<(string Tag, string Value)>();
        foreach (var tag in tags)
        {
            if (tag.Key != "breaker.name")
            {
                values.Add((tag.Key, Normalize(tag.Key, tag.Value?.ToString() ?? "")));
            }
        }

        _totals.AddOrUpdate(Key(instrument.Name, [.. values]), measurement, (_, total) => total + measurement);
    }

    private static string Normalize(string tag, string value) =>
        tag is "state" or "from" or "to" && Enum.TryParse<CircuitState>(value.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var state)
            ? state.ToString()
            : value;
}
