using System.Globalization;

namespace CircuitBreaker;

/// <summary>Formats durations the way the transition reasons and messages show them ("10 s", "250 ms").</summary>
internal static class DurationText
{
    public static string Format(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds} s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.###} ms");
    }
}
