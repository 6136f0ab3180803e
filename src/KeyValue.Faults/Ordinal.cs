using System.Globalization;

namespace KeyValue.Faults;

/// <summary>Positions written as a number (<c>3</c>) or an English ordinal (<c>3RD</c>, <c>11TH</c>, <c>21ST</c>).</summary>
internal static class Ordinal
{
    public static string Format(int number) => number.ToString(CultureInfo.InvariantCulture) + Suffix(number);

    public static string Suffix(int number) => (number % 100) switch
    {
        11 or 12 or 13 => "TH",
        _ => (number % 10) switch
        {
            1 => "ST",
            2 => "ND",
            3 => "RD",
            _ => "TH",
        },
    };

    /// <summary>Parses <c>3</c> or <c>3RD</c> (any case). A wrong suffix (<c>3TH</c>) is an error that names the right one.</summary>
    public static bool TryParse(string text, out int number, out string? error)
    {
        int digitCount = 0;
        while (digitCount < text.Length && char.IsAsciiDigit(text[digitCount]))
        {
            digitCount++;
        }

        if (digitCount == 0 || !int.TryParse(text.AsSpan(0, digitCount), NumberStyles.None, CultureInfo.InvariantCulture, out number))
        {
            number = 0;
            error = $"'{text}' is not a position; use a whole number like 3 or an ordinal like 3RD.";
            return false;
        }

        string suffix = text[digitCount..];
        if (suffix.Length != 0 && !suffix.Equals(Suffix(number), StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{text}' is not a valid ordinal; did you mean {Format(number)}?";
            return false;
        }

        error = null;
        return true;
    }
}
