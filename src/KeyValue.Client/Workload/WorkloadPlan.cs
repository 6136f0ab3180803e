using KeyValue.Client.Connection;

namespace KeyValue.Client.Workload;

/// <summary>
/// The deterministic workload: the same requests in the same order on every run, over the keyspace k1..k5.
/// </summary>
/// <remarks>
/// Requests come in cycles of ten over three keys a, b and c:
/// <code>
///  1 SET a v&lt;n&gt;    2 GET a    3 SET b v&lt;n&gt;    4 GET b    5 DEL a
///  6 GET a           7 SET c v&lt;n&gt;    8 GET b    9 DEL b   10 GET c
/// </code>
/// where &lt;n&gt; is the request's own number, so every written value is unique and a stale read shows.
/// Cycle m (0-based) takes a, b, c = k(3m mod 5 + 1), k((3m+1) mod 5 + 1), k((3m+2) mod 5 + 1):
/// k1 k2 k3, then k4 k5 k1, then k2 k3 k4, … so the whole keyspace is used. Every GET follows, in its
/// cycle, a SET or DEL of the same key: when the server is healthy a reader knows what each GET must return
/// (v1, v3, NOT_FOUND, v3, v7 in the first cycle). Half the requests are reads, three in ten SETs, two DELs.
/// With a run id every value ends in it (<c>v7-&lt;id&gt;</c>): a value another run left on the server never
/// looks like one of this run's.
/// </remarks>
internal static class WorkloadPlan
{
    public const int KeyCount = 5;
    public const int CycleLength = 10;

    public static KeyValueRequest RequestNumber(int number) => RequestNumber(number, runId: null);

    /// <summary>Request <paramref name="number"/> of the run; its value, if any, tagged with <paramref name="runId"/>.</summary>
    public static KeyValueRequest RequestNumber(int number, string? runId)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var cycle = (number - 1) / CycleLength;
        var step = ((number - 1) % CycleLength) + 1;
        var a = Key(cycle, 0);
        var b = Key(cycle, 1);
        var c = Key(cycle, 2);
        var value = runId is null ? $"v{number}" : $"v{number}-{runId}";
        return step switch
        {
            1 => KeyValueRequest.Set(a, value),
            2 => KeyValueRequest.Get(a),
            3 => KeyValueRequest.Set(b, value),
            4 => KeyValueRequest.Get(b),
            5 => KeyValueRequest.Delete(a),
            6 => KeyValueRequest.Get(a),
            7 => KeyValueRequest.Set(c, value),
            8 => KeyValueRequest.Get(b),
            9 => KeyValueRequest.Delete(b),
            _ => KeyValueRequest.Get(c),
        };
    }

    private static string Key(int cycle, int slot) => $"k{((((3L * cycle) + slot) % KeyCount) + 1)}";
}
