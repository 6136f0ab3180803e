using System.Globalization;

namespace KeyValue.Client.Tests.Report;

/// <summary>A server trace written by hand in the server's format; times in seconds from <see cref="SyntheticClientTrace.Start"/>.</summary>
internal sealed class SyntheticServerTrace
{
    private readonly List<string> lines = [];
    private long total;
    private long underSpec;

    public SyntheticServerTrace Spec(double at, string spec, string source = "console")
    {
        underSpec = 0;
        lines.Add($$"""{"type":"spec","time":"{{Time(at)}}","spec":"{{spec}}","mode":"ERROR","source":"{{source}}"}""");
        return this;
    }

    public SyntheticServerTrace Request(double at, string fault = "none")
    {
        var reply = fault == "none" ? "\"VALUE\"" : "\"ERR UNAVAILABLE\"";
        lines.Add($$"""{"type":"request","time":"{{Time(at)}}","n":{{++underSpec}},"total":{{++total}},"connection":1,"command":"GET","key":"k1","fault":"{{fault}}","reply":{{reply}},"spec":"ON","mode":"ERROR"}""");
        return this;
    }

    public string ToJsonLines(double? end = null) =>
        string.Concat(lines.Select(line => line + "\n"))
        + (end is { } seconds ? $$"""{"type":"end","time":"{{Time(seconds)}}","requests":{{total}},"dropped":0}""" + "\n" : string.Empty);

    private static string Time(double seconds) => SyntheticClientTrace.At(seconds).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
