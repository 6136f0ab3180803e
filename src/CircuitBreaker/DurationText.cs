using System.Globalization;

namespace CircuitBreaker;

/// <summary>Formats durations the way transition reasons and messages show them ("10 s", "250 ms", "5 min", "1 d").</summary>
internal static class DurationText
{
    private static readonly (long TicksPerUnit, string Unit)[] Units =
    [
        (TimeSpan.TicksPerDay, "d"),
        (TimeSpan.TicksPerHour, "h"),
        (TimeSpan.TicksPerMinute, "min"),
        (TimeSpan.TicksPerSecond, "s"),
    ];

    /// <summary>The largest unit that divides the duration exactly; milliseconds (with decimals) otherwise.</summary>
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks == 0)
        {
            return "0 s";
        }

        foreach (var (ticksPerUnit, unit) in Units)
        {
            if (ticks % ticksPerUnit == 0)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{ticks / ticksPerUnit} {unit}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.####} ms");
    }
}
