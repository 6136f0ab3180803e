using System.Globalization;

namespace CircuitBreaker;

/// <summary>Formats durations the way transition reasons and messages show them ("10 s", "250 ms", "5 min", "1 d").</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        var ticks = duration.Ticks;
        if (ticks != 0 && ticks % TimeSpan.TicksPerDay == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerDay} d");
        }

        if (ticks != 0 && ticks % TimeSpan.TicksPerHour == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerHour} h");
        }

        if (ticks != 0 && ticks % TimeSpan.TicksPerMinute == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerMinute} min");
        }

        if (ticks % TimeSpan.TicksPerSecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ticks / TimeSpan.TicksPerSecond} s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.####} ms");
    }
}
