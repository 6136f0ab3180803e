using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Faults;

/// <summary>
/// How a failing request fails: <c>ERROR</c> (default), <c>DELAY &lt;duration&gt;</c>, <c>DROP</c> or <c>HANG</c>.
/// Immutable; compare by value. Parsing is case-insensitive; <see cref="ToString"/> gives the canonical text.
/// </summary>
public sealed record FaultMode
{
    private const string Expected = "Expected one of: ERROR, DELAY <duration>, DROP, HANG.";

    private FaultMode(FaultModeKind kind, TimeSpan delay)
    {
        Kind = kind;
        Delay = delay;
    }

    /// <summary>Reply <c>ERR UNAVAILABLE</c>; not applied. The default.</summary>
    public static FaultMode Error { get; } = new(FaultModeKind.Error, TimeSpan.Zero);

    /// <summary>Close the connection without a reply; not applied.</summary>
    public static FaultMode Drop { get; } = new(FaultModeKind.Drop, TimeSpan.Zero);

    /// <summary>Never reply; not applied.</summary>
    public static FaultMode Hang { get; } = new(FaultModeKind.Hang, TimeSpan.Zero);

    /// <summary>The kind of failure.</summary>
    public FaultModeKind Kind { get; }

    /// <summary>DELAY: how long to wait before the normal reply; zero otherwise.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The normal reply, after <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is not positive or longer than <see cref="FaultLimits.MaxDuration"/>.</exception>
    public static FaultMode CreateDelay(TimeSpan delay)
    {
        string? error = DurationText.CheckBounds("DELAY", delay);
        return error is null
            ? new FaultMode(FaultModeKind.Delay, delay)
            : throw new ArgumentOutOfRangeException(nameof(delay), delay, error);
    }

    /// <summary>Parses a fault mode (case-insensitive). On failure <paramref name="error"/> names the problem.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FaultMode? mode, [NotNullWhen(false)] out string? error)
    {
        mode = null;
        string[] words = Words.Split(text);
        if (words.Length == 0)
        {
            error = "The fault mode is empty. " + Expected;
            return false;
        }

        string keyword = words[0].ToUpperInvariant();
        if (keyword == "DELAY")
        {
            if (words.Length != 2)
            {
                error = $"DELAY needs a duration, e.g. DELAY 500ms ({DurationText.Help}).";
                return false;
            }

            if (!DurationText.TryParseBounded("DELAY", words[1], out TimeSpan delay, out error))
            {
                return false;
            }

            mode = CreateDelay(delay);
            return true;
        }

        mode = keyword switch
        {
            "ERROR" => Error,
            "DROP" => Drop,
            "HANG" => Hang,
            _ => null,
        };

        if (mode is null)
        {
            error = $"Unknown fault mode '{words[0]}'. " + Expected;
            return false;
        }

        if (words.Length != 1)
        {
            error = $"{mode} takes no arguments, but got '{string.Join(' ', words[1..])}'.";
            mode = null;
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Parses a fault mode (case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not a valid mode; the message names the problem.</exception>
    public static FaultMode Parse(string? text) =>
        TryParse(text, out FaultMode? mode, out string? error) ? mode : throw new FormatException(error);

    /// <summary>The canonical text: <c>ERROR</c>, <c>DELAY 500ms</c>, <c>DROP</c> or <c>HANG</c>.</summary>
    public override string ToString() => Kind switch
    {
        FaultModeKind.Error => "ERROR",
        FaultModeKind.Delay => "DELAY " + DurationText.Format(Delay),
        FaultModeKind.Drop => "DROP",
        _ => "HANG",
    };
}
