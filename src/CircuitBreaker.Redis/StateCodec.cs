using System.Globalization;
using StackExchange.Redis;

namespace CircuitBreaker.Redis;

/// <summary>Reads the fleet's state from what Redis holds and sends: the state hash, a script's answer, a published
/// message (<c>S|generation|state|breakEnd|breakEndsIn|clearsCounts</c>).</summary>
internal static class StateCodec
{
    /// <summary>The hash fields read for the state, in this order.</summary>
    public static readonly RedisValue[] Fields = ["gen", "st", "end", "in", "clr"];

    public static (SharedCircuitState State, bool Empty) FromHash(RedisValue[] values)
    {
        if (values[0].IsNull)
        {
            return (new SharedCircuitState(0, BreakerState.Closed, null, BreakerState.HalfOpen, false), true);
        }

        return (Make((long)values[0], (int)values[1], (string?)values[2], (int)values[3], (int)values[4]), false);
    }

    /// <summary>A script's answer from <paramref name="offset"/> on: generation, state, break end, ends in, clears.</summary>
    public static SharedCircuitState FromScript(RedisResult[] answer, int offset) =>
        Make((long)answer[offset], (int)answer[offset + 1], (string?)answer[offset + 2], (int)answer[offset + 3], (int)answer[offset + 4]);

    /// <summary>A published message; false when it is not a state message.</summary>
    public static bool TryParseState(string message, out SharedCircuitState state)
    {
        var parts = message.Split('|');
        if (parts.Length == 6 && parts[0] == "S"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
            && int.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var endsIn)
            && int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var clears))
        {
            state = Make(generation, to, parts[3], endsIn, clears);
            return true;
        }

        state = default;
        return false;
    }

    /// <summary>A published move of the fleet's failures in a row from or to zero (<c>R|generation|count</c>).</summary>
    public static bool TryParseRow(string message, out long generation, out long row)
    {
        var parts = message.Split('|');
        row = 0;
        generation = 0;
        return parts.Length == 3 && parts[0] == "R"
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out generation)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out row);
    }

    public static string Ticks(DateTimeOffset? instant) => (instant?.UtcTicks ?? 0).ToString(CultureInfo.InvariantCulture);

    private static SharedCircuitState Make(long generation, int state, string? breakEnd, int endsIn, int clears)
    {
        var to = (BreakerState)state;
        DateTimeOffset? end = to == BreakerState.Open && long.TryParse(breakEnd, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;
        return new SharedCircuitState(generation, to, end, (BreakerState)endsIn, clears != 0);
    }
}
