using System.Globalization;

namespace KeyValue.Faults;

/// <summary>Turns spec text into a <see cref="FaultSpec"/>, or an error message naming the problem.</summary>
internal static class FaultSpecParser
{
    public const string Expected =
        "Expected one of: OFF, ON, EVERY <k> OF <m>, PATTERN <p>, CHANCE <p> [SEED <n>], NEXT <n>, FOR <duration>.";

    public static bool TryParse(string? text, out FaultSpec? spec, out string? error)
    {
        spec = null;
        string[] words = Words.Split(text);
        if (words.Length == 0)
        {
            error = "The fault spec is empty. " + Expected;
            return false;
        }

        string keyword = words[0].ToUpperInvariant();
        error = keyword switch
        {
            "OFF" => NoArguments(words, FaultSpec.Off, out spec),
            "ON" => NoArguments(words, FaultSpec.On, out spec),
            "EVERY" => ParseEvery(words, out spec),
            "PATTERN" => ParsePattern(words, out spec),
            "CHANCE" => ParseChance(words, out spec),
            "NEXT" => ParseNext(words, out spec),
            "FOR" => ParseFor(words, out spec),
            _ => $"Unknown fault spec '{words[0]}'. " + Expected,
        };
        return error is null;
    }

    private static string? NoArguments(string[] words, FaultSpec result, out FaultSpec? spec)
    {
        spec = words.Length == 1 ? result : null;
        return words.Length == 1 ? null : $"{result} takes no arguments, but got '{string.Join(' ', words[1..])}'.";
    }

    // EVERY <k> OF <m>
    private static string? ParseEvery(string[] words, out FaultSpec? spec)
    {
        spec = null;
        if (words.Length != 4 || !words[2].Equals("OF", StringComparison.OrdinalIgnoreCase))
        {
            return "EVERY needs the form EVERY <k> OF <m>, e.g. EVERY 3RD OF 5.";
        }

        if (!Ordinal.TryParse(words[1], out int position, out string? ordinalError))
        {
            return $"EVERY: {ordinalError}";
        }

        if (!int.TryParse(words[3], NumberStyles.None, CultureInfo.InvariantCulture, out int period))
        {
            return $"EVERY: '{words[3]}' is not a whole number of requests (m), e.g. EVERY 3RD OF 5.";
        }

        if (position < 1)
        {
            return $"EVERY: k must be at least 1, but got {position}.";
        }

        if (position > period)
        {
            return $"EVERY: k ({position}) must not be greater than m ({period}).";
        }

        spec = FaultSpec.CreateEvery(position, period);
        return null;
    }

    // PATTERN <p>
    private static string? ParsePattern(string[] words, out FaultSpec? spec)
    {
        spec = null;
        if (words.Length != 2)
        {
            return "PATTERN needs one pattern of '.' (pass) and 'x' (fail), without spaces, e.g. PATTERN ..x.x.";
        }

        string? error = FaultSpec.CheckPattern(words[1]);
        spec = error is null ? FaultSpec.CreatePattern(words[1]) : null;
        return error;
    }

    // CHANCE <p> [SEED <n>]
    private static string? ParseChance(string[] words, out FaultSpec? spec)
    {
        spec = null;
        if (words.Length is not (2 or 4) || (words.Length == 4 && !words[2].Equals("SEED", StringComparison.OrdinalIgnoreCase)))
        {
            return "CHANCE needs the form CHANCE <p> [SEED <n>], e.g. CHANCE 0.25 SEED 42.";
        }

        if (!double.TryParse(words[1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double probability)
            || !(probability is >= 0 and <= 1))
        {
            return $"CHANCE: '{words[1]}' is not a probability; use a number from 0 to 1, e.g. 0.25.";
        }

        long? seed = null;
        if (words.Length == 4)
        {
            if (!long.TryParse(words[3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsedSeed))
            {
                return $"CHANCE: SEED '{words[3]}' is not a whole number (a 64-bit integer).";
            }

            seed = parsedSeed;
        }

        spec = FaultSpec.CreateChance(probability, seed);
        return null;
    }

    // NEXT <n>
    private static string? ParseNext(string[] words, out FaultSpec? spec)
    {
        spec = null;
        if (words.Length != 2)
        {
            return "NEXT needs a number of requests, e.g. NEXT 3.";
        }

        if (!long.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out long count) || count < 1)
        {
            return $"NEXT: '{words[1]}' is not a number of requests; use a whole number of 1 or more, e.g. NEXT 3.";
        }

        spec = FaultSpec.CreateNext(count);
        return null;
    }

    // FOR <duration>
    private static string? ParseFor(string[] words, out FaultSpec? spec)
    {
        spec = null;
        if (!DurationText.TryParseArgument("FOR", "FOR 10s", words.AsSpan(1), out TimeSpan duration, out string? error))
        {
            return error;
        }

        spec = FaultSpec.CreateFor(duration);
        return null;
    }
}
