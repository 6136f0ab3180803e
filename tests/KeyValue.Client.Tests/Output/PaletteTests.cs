using KeyValue.Client.Output;

namespace KeyValue.Client.Tests.Output;

public class PaletteTests
{
    [Fact]
    public void Choose_Terminal_IsColoured()
    {
        Assert.True(Palette.Choose(outputRedirected: false, _ => null).Enabled);
    }

    [Fact]
    public void Choose_Redirected_IsPlain()
    {
        Assert.False(Palette.Choose(outputRedirected: true, _ => null).Enabled);
    }

    [Fact]
    public void Choose_NoColorSet_IsPlainEvenOnATerminalOrWhenForced()
    {
        string? Environment(string name) => name is "NO_COLOR" or "FORCE_COLOR" ? "1" : null;

        Assert.False(Palette.Choose(outputRedirected: false, Environment).Enabled);
    }

    [Fact]
    public void Choose_ForceColor_ColoursRedirectedOutput()
    {
        Assert.True(Palette.Choose(outputRedirected: true, name => name == "FORCE_COLOR" ? "1" : null).Enabled);
    }

    [Fact]
    public void Choose_EmptyNoColor_IsIgnored()
    {
        Assert.True(Palette.Choose(outputRedirected: false, name => name == "NO_COLOR" ? string.Empty : null).Enabled);
    }

    [Fact]
    public void Plain_WritesNoEscapeCodes()
    {
        Assert.Equal("x", Palette.Plain.Red(Palette.Plain.Bold("x")));
    }

    [Fact]
    public void Ansi_WrapsInColourAndReset()
    {
        Assert.Equal("\u001b[32mx\u001b[0m", Palette.Ansi.Green("x"));
    }
}
