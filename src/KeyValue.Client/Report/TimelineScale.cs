using System.Globalization;

namespace KeyValue.Client.Report;

/// <summary>
/// Maps the run's time onto the picture's x axis, <paramref name="left"/> to <paramref name="left"/> + <paramref name="width"/>,
/// with coordinates rounded to 0.01 px so that a band's end and the next band's start are the same number.
/// </summary>
internal sealed class TimelineScale(DateTimeOffset start, DateTimeOffset end, double left, double width)
{
    /// <summary>The shortest span drawn: a run of no length still gets an axis.</summary>
    private static readonly TimeSpan MinimumSpan = TimeSpan.FromSeconds(1);

    private static readonly double[] NiceSteps = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

    public DateTimeOffset Start { get; } = start;

    public double Left { get; } = left;

    public double Width { get; } = width;

    /// <summary>Seconds the axis covers.</summary>
    public double Seconds { get; } = Math.Max((end - start).TotalSeconds, MinimumSpan.TotalSeconds);

    public double X(DateTimeOffset time) => Math.Round(Left + (Width * Math.Clamp((time - Start).TotalSeconds / Seconds, 0, 1)), 2);

    /// <summary>Ticks every 1, 2 or 5 × 10ⁿ seconds (or whole minutes and hours), at most 12 of them.</summary>
    public IEnumerable<double> TickSeconds()
    {
        var step = NiceSteps.FirstOrDefault(candidate => Seconds / candidate <= 12, Math.Ceiling(Seconds / 12));
        for (var tick = 0; tick * step <= Seconds + 1e-9; tick++)
        {
            yield return tick * step;
        }
    }

    public double XOfSeconds(double seconds) => Math.Round(Left + (Width * Math.Clamp(seconds / Seconds, 0, 1)), 2);

    /// <summary>A coordinate or length as SVG text: at most two decimals, invariant.</summary>
    public static string Format(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>Seconds since the run's start as a person reads them: <c>6.5 s</c>.</summary>
    public string SecondsText(DateTimeOffset time) => ((time - Start).TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture) + " s";
}
