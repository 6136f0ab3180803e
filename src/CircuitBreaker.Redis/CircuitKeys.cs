using System.Globalization;
using StackExchange.Redis;

namespace CircuitBreaker.Redis;

/// <summary>The Redis names of one breaker's shared circuit. Every key carries the breaker's name as a hash tag
/// (<c>{name}</c>), so all of them fall in one hash slot and the scripts that touch several keys work on Redis
/// Cluster. Braces in a name would end the tag early, so they are replaced.</summary>
internal sealed class CircuitKeys
{
    private readonly string _base;

    public CircuitKeys(string prefix, string breakerName)
    {
        var tag = breakerName.Replace('{', '(').Replace('}', ')');
        _base = prefix + ":{" + tag + "}:";
        State = _base + "state";
        Channel = RedisChannel.Literal(_base + "events");
        ChannelName = _base + "events";
    }

    /// <summary>A hash: generation, state, break end, what the break ends in, the fleet's failures in a row.</summary>
    public RedisKey State { get; }

    public RedisChannel Channel { get; }

    public string ChannelName { get; }

    /// <summary>One time bucket of the window's counts in <paramref name="generation"/>: a hash of failures and calls
    /// that expires with the window.</summary>
    public RedisKey Bucket(long generation, long bucket) => _base + Invariant($"w:{generation}:{bucket}");

    /// <summary>The latest batches of the fleet's calls, for the last-calls policy.</summary>
    public RedisKey LastCalls(long generation) => _base + Invariant($"last:{generation}");

    /// <summary>The trial leases of the half-open period of <paramref name="generation"/>: a sorted set scored by expiry.</summary>
    public RedisKey Trials(long generation) => _base + Invariant($"trials:{generation}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
