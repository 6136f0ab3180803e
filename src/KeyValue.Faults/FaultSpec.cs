using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace KeyValue.Faults;

/// <summary>
/// Which data requests fail: <c>OFF</c>, <c>ON</c>, <c>EVERY &lt;k&gt; OF &lt;m&gt;</c>, <c>PATTERN &lt;p&gt;</c>,
/// <c>CHANCE &lt;p&gt; [SEED &lt;n&gt;]</c>, <c>NEXT &lt;n&gt;</c> or <c>FOR &lt;duration&gt;</c>. Immutable; compare by value.
/// The same text is accepted on the command line and on the server console (case-insensitive);
/// <see cref="ToString"/> gives the canonical text.
/// </summary>
public sealed record FaultSpec
{
    private FaultSpec(FaultSpecKind kind)
    {
        Kind = kind;
    }

    /// <summary>No request fails.</summary>
    public static FaultSpec Off { get; } = new(FaultSpecKind.Off);

    /// <summary>Every data request fails.</summary>
    public static FaultSpec On { get; } = new(FaultSpecKind.On);

    /// <summary>The kind of schedule.</summary>
    public FaultSpecKind Kind { get; }

    /// <summary>EVERY: k, the position within each period that fails (1 ≤ k ≤ <see cref="Period"/>); 0 otherwise.</summary>
    public int Position { get; private init; }

    /// <summary>EVERY: m, the period; 0 otherwise.</summary>
    public int Period { get; private init; }

    /// <summary>PATTERN: the pattern, of <c>.</c> (pass) and <c>x</c> (fail), lower case; empty otherwise.</summary>
    public string Pattern { get; private init; } = string.Empty;

    /// <summary>CHANCE: the probability p of each request failing, in [0, 1]; 0 otherwise.</summary>
    public double Probability { get; private init; }

    /// <summary>CHANCE: the seed, when the spec names one; otherwise the injector's default seed is used.</summary>
    public long? Seed { get; private init; }

    /// <summary>NEXT: how many requests fail; 0 otherwise.</summary>
    public long Count { get; private init; }

    /// <summary>FOR: how long everything fails after the spec is set; zero otherwise.</summary>
    public TimeSpan Duration { get; private init; }

    /// <summary>The k-th of every m requests fails: <c>EVERY 3RD OF 5</c> fails 3, 8, 13, …</summary>
    /// <exception cref="ArgumentOutOfRangeException">Not 1 ≤ k ≤ m.</exception>
    public static FaultSpec CreateEvery(int position, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(position, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(position, period);
        return new FaultSpec(FaultSpecKind.Every) { Position = position, Period = period };
    }

    /// <summary>Request n fails when the pattern's character at (n - 1) mod length is <c>x</c>.</summary>
    /// <exception cref="ArgumentException">The pattern is empty, too long, or has a character other than '.', 'x', 'X'.</exception>
    public static FaultSpec CreatePattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        string? error = CheckPattern(pattern);
        return error is null
            ? new FaultSpec(FaultSpecKind.Pattern) { Pattern = pattern.ToLowerInvariant() }
            : throw new ArgumentException(error, nameof(pattern));
    }

    /// <summary>Each request fails independently with probability p; with a seed the sequence is the same on every run.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is not in [0, 1].</exception>
    public static FaultSpec CreateChance(double probability, long? seed = null)
    {
        if (!(probability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "A probability is between 0 and 1.");
        }

        return new FaultSpec(FaultSpecKind.Chance) { Probability = probability, Seed = seed };
    }

    /// <summary>The next n requests fail, then none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">n is less than 1.</exception>
    public static FaultSpec CreateNext(long count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new FaultSpec(FaultSpecKind.Next) { Count = count };
    }

    /// <summary>Every request fails until the duration has passed since the spec was set, then none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The duration is not positive or longer than <see cref="FaultLimits.MaxDuration"/>.</exception>
    public static FaultSpec CreateFor(TimeSpan duration)
    {
        string? error = DurationText.CheckBounds("FOR", duration);
        return error is null
            ? new FaultSpec(FaultSpecKind.For) { Duration = duration }
            : throw new ArgumentOutOfRangeException(nameof(duration), duration, error);
    }

    /// <summary>Parses a fault spec (case-insensitive). On failure <paramref name="error"/> names the problem.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error) =>
        FaultSpecParser.TryParse(text, out spec, out error);

    /// <summary>Parses a fault spec (case-insensitive).</summary>
    /// <exception cref="FormatException">The text is not a valid spec; the message names the problem.</exception>
    public static FaultSpec Parse(string? text) =>
        TryParse(text, out FaultSpec? spec, out string? error) ? spec : throw new FormatException(error);

    /// <summary>The canonical text, e.g. <c>EVERY 3RD OF 5</c>, <c>CHANCE 0.25 SEED 42</c>, <c>FOR 10s</c>.</summary>
    public override string ToString() => Kind switch
    {
        FaultSpecKind.Off => "OFF",
        FaultSpecKind.On => "ON",
        FaultSpecKind.Every => $"EVERY {Ordinal.Format(Position)} OF {Period.ToString(CultureInfo.InvariantCulture)}",
        FaultSpecKind.Pattern => "PATTERN " + Pattern,
        FaultSpecKind.Chance => Seed is long seed
            ? $"CHANCE {FormatProbability(Probability)} SEED {seed.ToString(CultureInfo.InvariantCulture)}"
            : $"CHANCE {FormatProbability(Probability)}",
        FaultSpecKind.Next => "NEXT " + Count.ToString(CultureInfo.InvariantCulture),
        _ => "FOR " + DurationText.Format(Duration),
    };

    /// <summary>Whether request number <paramref name="requestNumber"/> (from 1) fails, given the seed and the time since the spec was set.</summary>
    internal bool Fails(long requestNumber, long effectiveSeed, TimeSpan sinceSet) => Kind switch
    {
        FaultSpecKind.Off => false,
        FaultSpecKind.On => true,
        FaultSpecKind.Every => requestNumber % Period == Position % Period,
        FaultSpecKind.Pattern => Pattern[(int)((requestNumber - 1) % Pattern.Length)] == 'x',
        FaultSpecKind.Chance => SeededChance.Draw(effectiveSeed, requestNumber) < Probability,
        FaultSpecKind.Next => requestNumber <= Count,
        _ => sinceSet < Duration,
    };

    /// <summary>Whether a NEXT or FOR spec has run its course and now fails nothing.</summary>
    internal bool IsFinished(long requestsIssued, TimeSpan sinceSet) => Kind switch
    {
        FaultSpecKind.Next => requestsIssued >= Count,
        FaultSpecKind.For => sinceSet >= Duration,
        _ => false,
    };

    internal static string? CheckPattern(string pattern)
    {
        if (pattern.Length == 0)
        {
            return "PATTERN: the pattern is empty; use '.' (pass) and 'x' (fail), e.g. PATTERN ..x.x.";
        }

        if (pattern.Length > FaultLimits.MaxPatternLength)
        {
            return $"PATTERN: the pattern is {pattern.Length} characters long; the limit is {FaultLimits.MaxPatternLength}.";
        }

        int bad = pattern.AsSpan().IndexOfAnyExcept(".xX");
        return bad < 0
            ? null
            : $"PATTERN: '{pattern}' may contain only '.' (pass) and 'x' (fail); found '{pattern[bad]}' at position {bad + 1}.";
    }

    private static string FormatProbability(double probability) => probability.ToString("R", CultureInfo.InvariantCulture);
}
