using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CircuitBreaker.Tests.Telemetry;

/// <summary>Listens to one breaker's instruments and sums their measurements by instrument and tags.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();

    public MetricsRecorder(Breaker breaker)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, breaker.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Set(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The total of <paramref name="instrument"/> for measurements carrying all of <paramref name="tags"/> ("key=value").</summary>
    public long Total(string instrument, params string[] tags) =>
        _totals.Where(kv => kv.Key.StartsWith(instrument + "|", StringComparison.Ordinal)
                            && tags.All(t => kv.Key.Contains("|" + t + "|", StringComparison.Ordinal)))
               .Sum(kv => kv.Value);

    public int ObserveState()
    {
        _listener.RecordObservableInstruments();
        return (int)Total("circuitbreaker.state");
    }

    public void Dispose() => _listener.Dispose();

    private static string Key(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        parts.Sort(StringComparer.Ordinal);
        return instrument.Name + "|" + string.Join("|", parts) + "|";
    }

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _totals.AddOrUpdate(Key(instrument, tags), value, (_, total) => total + value);

    private void Set(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _totals[Key(instrument, tags)] = value;
}
