using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CircuitBreaker.Tests.Telemetry;

/// <summary>Listens to one breaker's instruments and sums their measurements by instrument and tags. Every breaker
/// without a meter factory records on the one shared meter, so only measurements tagged with this breaker's name
/// count: give it a name no other test uses.</summary>
internal sealed class MetricsRecorder : IDisposable
{
    private const string BreakerMetricsTag = "breaker.name";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly string _name;

    public MetricsRecorder(Breaker breaker)
    {
        if (breaker.Name == BreakerDefaults.Name)
        {
            throw new ArgumentException("Give the breaker a unique name: breakers share one meter.", nameof(breaker));
        }

        _name = breaker.Name;
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
        Matching(instrument, tags).Sum(kv => kv.Value);

    /// <summary>Every tag combination <paramref name="instrument"/> was recorded with, as "|key=value|…|".</summary>
    public IReadOnlyList<string> TagSets(string instrument) =>
        [.. _totals.Keys.Where(k => k.StartsWith(instrument + "|", StringComparison.Ordinal)).Select(k => k[instrument.Length..]).Order(StringComparer.Ordinal)];

    /// <summary>The last value the synchronous state gauge recorded for the breaker; null when it recorded none since
    /// this recorder started (the breaker records 0, closed, when it is created).</summary>
    public int? LastState() => _totals.TryGetValue(Key("circuitbreaker.state", [new(BreakerMetricsTag, _name)]), out var state) ? (int)state : null;

    public void Dispose() => _listener.Dispose();

    private IEnumerable<KeyValuePair<string, long>> Matching(string instrument, string[] tags) =>
        _totals.Where(kv => kv.Key.StartsWith(instrument + "|", StringComparison.Ordinal)
                            && tags.All(t => kv.Key.Contains("|" + t + "|", StringComparison.Ordinal)));

    private static string Key(string instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags)
        {
            parts.Add($"{tag.Key}={tag.Value}");
        }

        parts.Sort(StringComparer.Ordinal);
        return instrument + "|" + string.Join("|", parts) + "|";
    }

    private bool IsMine(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == BreakerMetricsTag)
            {
                return Equals(tag.Value, _name);
            }
        }

        return false;
    }

    private void Add(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (IsMine(tags))
        {
            // Static, with the value passed as an argument: a lambda capturing `value` would allocate its closure on
            // entry to this method, for every measurement of every breaker — inside allocation tests running in parallel.
            _totals.AddOrUpdate(Key(instrument.Name, tags), static (_, add) => add, static (_, total, add) => total + add, value);
        }
    }

    private void Set(Instrument instrument, int value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (IsMine(tags))
        {
            _totals[Key(instrument.Name, tags)] = value;
        }
    }
}
