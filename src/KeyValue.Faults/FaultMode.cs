using System.Diagnostics.CodeAnalysis;

namespace KeyValue.Faults;

/// <summary>
/// How a failing request fails: <c>ERROR</c> (default), <c>ERROR RETRY-AFTER &lt;duration&gt;</c>,
/// <c>DELAY &lt;duration&gt;</c>, <c>DROP</c> or <c>HANG</c>. Immutable; compare by value. Parsing is
/// case-insensitive; <see cref="ToString"/> gives the canonical text.
/// </summary>
public sealed record FaultMode
{
    private FaultMode(FaultModeKind kind)
    {
        Kind = kind;
    }

    /// <summary>Reply <c>ERR UNAVAILABLE</c>; not applied. The default.</summary>
    public static FaultMode Error { get; } = new(FaultModeKind.Error);

    /// <summary>Close the connection without a reply; not applied.</summary>
    public static FaultMode Drop { get; } = new(FaultModeKind.Drop);

    /// <summary>Never reply; not applied.</summary>
    public static FaultMode Hang { get; } = new(FaultModeKind.Hang);

    /// <summary>The kind of failure.</summary>
    public FaultModeKind Kind { get; }

    /// <summary>DELAY: how long to wait before the normal reply; zero otherwise.</summary>
    public TimeSpan Delay { get; private init; }

    /// <summary>ERROR RETRY-AFTER: how long the reply tells the client to wait before it retries; zero otherwise.</summary>
    public TimeSpan RetryAfter { get; private init; }

    /// <summary>The normal reply, after <paramref name="delay"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The delay is not positive or longer than <see cref="FaultLimits.MaxDuration"/>.</exception>
    public static FaultMode CreateDelay(TimeSpan delay)
    {
        string? error = DurationText.CheckBounds("DELAY", delay);
        return error is null
            ? new FaultMode(FaultModeKind.Delay) { Delay = delay }
            : throw new ArgumentOutOfRangeException(nameof(delay), delay, error);
    }

    /// <summary>Reply <c>ERR UNAVAILABLE</c> with a hint to retry after <paramref name="retryAfter"/>; not applied.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The retry-after is not positive or longer than <see cref="FaultLimits.MaxDuration"/>.</exception>
    public static FaultMode CreateErrorRetryAfter(TimeSpan retryAfter)
    {
        string? error = DurationText.CheckBounds("ERROR RETRY-AFTER", retryAfter);
        return error is null
            ? new FaultMode(FaultModeKind.ErrorRetryAfter) { RetryAfter = retryAfter }
            : throw new ArgumentOutOfRangeException(nameof(retryAfter), retryAfter, error);
    }

    /// <summary>Parses a fault mode (case-insensitive). On failure <paramref name="error"/> names the problem.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FaultMode? mode, [NotNullWhen(false)] out string? error) =>
        FaultModeParser.TryParse(text, out mode, out error);

    /// <summary>Parses a fault mode (case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not a valid mode; the message names the problem.</exception>
    public static FaultMode Parse(string? text) =>
        TryParse(text, out FaultMode? mode, out string? error) ? mode : throw new FormatException(error);

    /// <summary>The canonical text: <c>ERROR</c>, <c>ERROR RETRY-AFTER 3s</c>, <c>DELAY 500ms</c>, <c>DROP</c> or <c>HANG</c>.</summary>
    public override string ToString() => Kind switch
    {
        FaultModeKind.Error => "ERROR",
        FaultModeKind.ErrorRetryAfter => "ERROR RETRY-AFTER " + DurationText.Format(RetryAfter),
        FaultModeKind.Delay => "DELAY " + DurationText.Format(Delay),
        FaultModeKind.Drop => "DROP",
        _ => "HANG",
    };
}
