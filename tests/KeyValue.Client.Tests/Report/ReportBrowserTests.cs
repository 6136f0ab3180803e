using KeyValue.Client.Output;
using KeyValue.Client.Report;

namespace KeyValue.Client.Tests.Report;

/// <summary>
/// The report of a real outage-and-recovery run (<see cref="RealOutageRun"/>) rendered by headless Chromium; the screenshot must show the three state colours and the failing band.
/// A missing Chromium fails the test: it is never skipped.
/// </summary>
public class ReportBrowserTests
{
    [Fact]
    public async Task Report_OfARealOutageRun_RenderedByChromium_ShowsTheThreeStateColoursAndTheFailingBand()
    {
        using var directory = new TempDirectory();
        var clientTrace = directory.File("run.jsonl");
        var serverTrace = directory.File("server.jsonl");
        await RealOutageRun.RunAsync(clientTrace, serverTrace);

        var exitCode = await ClientApplication.RunAsync(
            ["report", "--client", clientTrace, "--server", serverTrace, "--out", directory.File("report.html")],
            new ClientEnvironment { Output = TextWriter.Null, Error = TextWriter.Null, Input = TextReader.Null, Palette = Palette.Plain },
            CancellationToken.None);
        Assert.Equal(0, exitCode);
        await Chromium.ScreenshotAsync(directory.File("report.html"), directory.File("report.png"), Directory.CreateDirectory(directory.File("profile")).FullName);

        var image = PngImage.Decode(await File.ReadAllBytesAsync(directory.File("report.png")));
        Assert.Equal((1400, 900), (image.Width, image.Height));
        foreach (var (colour, what) in new[]
        {
            (ReportColours.Closed, "closed (green)"), (ReportColours.Open, "open (red)"), (ReportColours.HalfOpen, "half-open (yellow)"),
            (ReportColours.Failing, "the server's failing band"),
        })
        {
            // A band is at least tens of pixels long and 18 high; a stray anti-aliased pixel is not a band.
            Assert.True(image.Count(colour) >= 200, $"{what} {colour}: {image.Count(colour)} pixels");
        }
    }
}
