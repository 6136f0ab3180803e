namespace KeyValue.Client.Workload;

/// <summary>
/// Checks that every GET returns the last value whose SET (or the absence whose DEL) was acknowledged.
/// </summary>
/// <remarks>
/// A write that failed or timed out may or may not have been applied, so after one the key may hold either
/// the last acknowledged value or any of the uncertain writes since; the next acknowledged write makes the
/// key certain again. A key this run has not yet written with an acknowledgement is unknown (the server may
/// keep data from earlier runs) and any read of it is accepted.
/// Values are compared as strings; null stands for "no such key".
/// </remarks>
internal sealed class ReadYourWritesChecker
{
    private readonly Dictionary<string, HashSet<string?>> possibleValues = new(StringComparer.Ordinal);

    public int Violations { get; private set; }

    /// <summary>The server acknowledged the write: the key now holds <paramref name="value"/> (null: deleted).</summary>
    public void Acknowledged(string key, string? value) => possibleValues[key] = [value];

    /// <summary>The write failed or timed out: it may or may not have been applied.</summary>
    public void Uncertain(string key, string? value)
    {
        if (possibleValues.TryGetValue(key, out var values))
        {
            values.Add(value);
        }
    }

    /// <summary>Checks a read that the server answered; returns the violation, if any, and counts it.</summary>
    public ReadViolation? Read(string key, string? observed)
    {
        if (!possibleValues.TryGetValue(key, out var values) || values.Contains(observed))
        {
            return null;
        }

        Violations++;
        return new ReadViolation(key, observed, [.. values.OrderBy(v => v, StringComparer.Ordinal)]);
    }
}
