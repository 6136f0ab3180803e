namespace KeyValue.Faults;

/// <summary>Splits spec and mode text into words at runs of whitespace.</summary>
internal static class Words
{
    public static string[] Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
