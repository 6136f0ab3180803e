using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KeyValue.Faults;

/// <summary>Durations as written in fault specs and modes: a whole number with <c>ms</c>, <c>s</c> or <c>m</c>.</summary>
internal static class DurationText
{
    public const string Help = "use a whole number with ms, s or m, e.g. 500ms, 10s, 2m";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        (string digits, long ticksPerUnit) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], TimeSpan.TicksPerMillisecond),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], TimeSpan.TicksPerSecond),
            _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], TimeSpan.TicksPerMinute),
            _ => (string.Empty, 0L),
        };

        if (digits.Length == 0
            || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long count)
            || count > TimeSpan.MaxValue.Ticks / ticksPerUnit)
        {
            return false;
        }

        duration = TimeSpan.FromTicks(count * ticksPerUnit);
        return true;
    }

    /// <summary>The shortest exact form: <c>2m</c>, <c>10s</c>, <c>500ms</c> (sub-millisecond durations as fractional ms).</summary>
    public static string Format(TimeSpan duration)
    {
        long ticks = duration.Ticks;
        if (ticks != 0 && ticks % TimeSpan.TicksPerMinute == 0)
        {
            return (ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "m";
        }

        if (ticks != 0 && ticks % TimeSpan.TicksPerSecond == 0)
        {
            return (ticks / TimeSpan.TicksPerSecond).ToString(CultureInfo.InvariantCulture) + "s";
        }

        return duration.TotalMilliseconds.ToString("0.####", CultureInfo.InvariantCulture) + "ms";
    }

    /// <summary>
    /// Parses the one argument of a keyword that takes a duration (<c>FOR</c>, <c>DELAY</c>, <c>ERROR RETRY-AFTER</c>):
    /// exactly one word, a positive duration no longer than <see cref="FaultLimits.MaxDuration"/>; or explains why not.
    /// </summary>
    /// <param name="keyword">The keyword, as the messages name it.</param>
    /// <param name="example">A valid use, for the message when the argument is missing or there is more than one.</param>
    /// <param name="arguments">The words after the keyword.</param>
    public static bool TryParseArgument(
        string keyword,
        string example,
        ReadOnlySpan<string> arguments,
        out TimeSpan duration,
        [NotNullWhen(false)] out string? error)
    {
        if (arguments.Length != 1)
        {
            duration = default;
            error = $"{keyword} needs a duration, e.g. {example} ({Help}).";
            return false;
        }

        return TryParseBounded(keyword, arguments[0], out duration, out error);
    }

    /// <summary>Parses a positive duration no longer than <see cref="FaultLimits.MaxDuration"/>, or explains why not.</summary>
    public static bool TryParseBounded(string keyword, string text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        if (!TryParse(text, out duration))
        {
            error = $"{keyword}: '{text}' is not a duration; {Help}.";
            return false;
        }

        error = CheckBounds(keyword, duration);
        return error is null;
    }

    public static string? CheckBounds(string keyword, TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return $"{keyword}: the duration must be more than 0.";
        }

        return duration > FaultLimits.MaxDuration
            ? $"{keyword}: the duration must be at most {Format(FaultLimits.MaxDuration)} (1 day)."
            : null;
    }
}
