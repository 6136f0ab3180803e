using System.Text.RegularExpressions;

namespace KeyValue.Demo.Output;

/// <summary>
/// What a person watches: the two programs' lines, each as it comes and prefixed <c>[server]</c> or <c>[client]</c>, and
/// the demo's own, prefixed <c>[demo]</c>. Lines come from several threads (one per program stream); each is written
/// whole. Colour only on a terminal and without <c>NO_COLOR</c>.
/// </summary>
internal sealed partial class DemoConsole(TextWriter output, bool colour)
{
    private const string Escape = "\u001b[";
    private readonly Lock gate = new();

    /// <summary>True when the demo colours its own lines, and asks the client to colour its lines too.</summary>
    public bool UsesColour => colour;

    public static DemoConsole FromConsole() =>
        new(Console.Out, !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>Removes colour codes, so that a program's line can be matched as text.</summary>
    public static string WithoutColour(string line) => ColourCode().Replace(line, string.Empty);

    /// <summary>One line of a program's output, as it came, after its prefix.</summary>
    public void Program(string prefix, string line) => Write($"{prefix} {line}");

    public void Say(string text) => Write($"{Paint("36", "[demo]")} {text}");

    public void Failed(string text) => Write(Paint("31", $"[demo] FAILED: {text}"));

    public void Heading(string title, string watch)
    {
        Write(string.Empty);
        Write(Bold($"==== {title} ===="));
        Write(Bold(watch));
        Write(string.Empty);
    }

    public void Blank() => Write(string.Empty);

    public string Bold(string text) => Paint("1", text);

    public string Red(string text) => Paint("31", text);

    private string Paint(string code, string text) => colour ? $"{Escape}{code}m{text}{Escape}0m" : text;

    private void Write(string line)
    {
        lock (gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    [GeneratedRegex("\u001b\\[[0-9;]*m", RegexOptions.CultureInvariant)]
    private static partial Regex ColourCode();
}
