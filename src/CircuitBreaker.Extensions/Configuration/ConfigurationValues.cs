using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CircuitBreaker.Extensions.Configuration;

/// <summary>Reads one typed value from a configuration section, noting a problem — named by its full path — instead of
/// throwing, so that every problem of a section is reported at once.</summary>
internal static class ConfigurationValues
{
    public static TimeSpan? TimeSpan(IConfiguration section, string key, List<string> problems) =>
        Read<System.TimeSpan>(section, key, problems, "a duration such as 00:00:10", static text =>
            System.TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null);

    public static int? Int(IConfiguration section, string key, List<string> problems) =>
        Read<int>(section, key, problems, "a whole number", static text =>
            int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null);

    public static double? Double(IConfiguration section, string key, List<string> problems) =>
        Read<double>(section, key, problems, "a number such as 0.5", static text =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null);

    /// <summary>The path of a key of <paramref name="section"/>, for messages.</summary>
    public static string PathOf(IConfiguration section, string key) =>
        section is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" + key : key;

    /// <summary>Notes every key of <paramref name="section"/> that is not one of <paramref name="known"/> (a typo
    /// would otherwise be ignored silently).</summary>
    public static void RejectUnknown(IConfiguration section, IReadOnlyCollection<string> known, string what, List<string> problems)
    {
        foreach (var child in section.GetChildren())
        {
            if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{PathOf(section, child.Key)}: unknown setting for {what}; expected one of {string.Join(", ", known)}.");
            }
        }
    }

    private static T? Read<T>(IConfiguration section, string key, List<string> problems, string expected, Func<string, T?> parse)
        where T : struct
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = parse(text.Trim());
        if (value is null)
        {
            problems.Add($"{PathOf(section, key)}: '{text}' is not {expected}.");
        }

        return value;
    }
}
