namespace KeyValue.Faults;

/// <summary>Turns mode text into a <see cref="FaultMode"/>, or an error message naming the problem.</summary>
internal static class FaultModeParser
{
    public const string Expected = "Expected one of: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP, HANG.";

    public static bool TryParse(string? text, out FaultMode? mode, out string? error)
    {
        mode = null;
        string[] words = Words.Split(text);
        if (words.Length == 0)
        {
            error = "The fault mode is empty. " + Expected;
            return false;
        }

        string keyword = words[0].ToUpperInvariant();
        error = keyword switch
        {
            "ERROR" => ParseErrorMode(words, out mode),
            "DELAY" => ParseDelay(words, out mode),
            "DROP" => NoArguments(words, FaultMode.Drop, out mode),
            "HANG" => NoArguments(words, FaultMode.Hang, out mode),
            _ => $"Unknown fault mode '{words[0]}'. " + Expected,
        };
        return error is null;
    }

    private static string? NoArguments(string[] words, FaultMode result, out FaultMode? mode)
    {
        mode = words.Length == 1 ? result : null;
        return words.Length == 1 ? null : $"{result} takes no arguments, but got '{string.Join(' ', words[1..])}'.";
    }

    // ERROR [RETRY-AFTER <duration>]
    private static string? ParseErrorMode(string[] words, out FaultMode? mode)
    {
        mode = null;
        if (words.Length == 1)
        {
            mode = FaultMode.Error;
            return null;
        }

        if (!words[1].Equals("RETRY-AFTER", StringComparison.OrdinalIgnoreCase))
        {
            return $"ERROR takes nothing or RETRY-AFTER <duration>, e.g. ERROR RETRY-AFTER 3s, but got '{string.Join(' ', words[1..])}'.";
        }

        if (!DurationText.TryParseArgument("ERROR RETRY-AFTER", "ERROR RETRY-AFTER 3s", words.AsSpan(2), out TimeSpan retryAfter, out string? error))
        {
            return error;
        }

        mode = FaultMode.CreateErrorRetryAfter(retryAfter);
        return null;
    }

    // DELAY <duration>
    private static string? ParseDelay(string[] words, out FaultMode? mode)
    {
        mode = null;
        if (!DurationText.TryParseArgument("DELAY", "DELAY 500ms", words.AsSpan(1), out TimeSpan delay, out string? error))
        {
            return error;
        }

        mode = FaultMode.CreateDelay(delay);
        return null;
    }
}
