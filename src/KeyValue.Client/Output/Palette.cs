namespace KeyValue.Client.Output;

/// <summary>
/// ANSI colours, or none. Colour is on only for a terminal: off when the output is redirected or
/// <c>NO_COLOR</c> is set (https://no-color.org); <c>FORCE_COLOR</c> turns it on for a redirected stream,
/// which is how the demo scripts keep colour while prefixing each line.
/// </summary>
internal sealed class Palette
{
    private const string Reset = "\u001b[0m";

    private Palette(bool enabled) => Enabled = enabled;

    public static Palette Plain { get; } = new(enabled: false);

    public static Palette Ansi { get; } = new(enabled: true);

    public bool Enabled { get; }

    public static Palette Choose(bool outputRedirected, Func<string, string?> environment)
    {
        if (!string.IsNullOrEmpty(environment("NO_COLOR")))
        {
            return Plain;
        }

        if (!string.IsNullOrEmpty(environment("FORCE_COLOR")))
        {
            return Ansi;
        }

        return outputRedirected ? Plain : Ansi;
    }

    public string Green(string text) => Paint(text, "\u001b[32m");

    public string Red(string text) => Paint(text, "\u001b[31m");

    public string Yellow(string text) => Paint(text, "\u001b[33m");

    public string White(string text) => Paint(text, "\u001b[37m");

    public string Bold(string text) => Paint(text, "\u001b[1m");

    private string Paint(string text, string code) => Enabled ? code + text + Reset : text;
}
