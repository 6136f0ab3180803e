using System.Globalization;

namespace KeyValue.Client.Output;

/// <summary>Durations the way a person reads them: "10 s", "8.5 s", "0.25 s".</summary>
internal static class DurationText
{
    public static string Seconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, duration.TotalSeconds):0.##} s");

    public static string Milliseconds(TimeSpan duration) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, duration.TotalMilliseconds):0.#} ms");
}
