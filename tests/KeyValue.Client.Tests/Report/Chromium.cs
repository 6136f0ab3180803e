using System.Diagnostics;

namespace KeyValue.Client.Tests.Report;

/// <summary>Headless Chromium (Debian's <c>chromium</c>, which <c>.ci/run</c> installs), taking a screenshot of a page.</summary>
internal static class Chromium
{
    public const string Path = "/usr/bin/chromium";

    /// <summary>Far more than a screenshot of one local page takes (about 2 s); past it the browser is killed.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    /// <summary>Renders <paramref name="page"/> at 1400×900 to <paramref name="png"/>, in a profile of its own; fails the test on a timeout or an error.</summary>
    public static async Task ScreenshotAsync(string page, string png, string profileDirectory)
    {
        Assert.True(
            File.Exists(Path),
            $"Chromium is not installed at {Path}; install it as .ci/run does: "
            + "DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", $"--user-data-dir={profileDirectory}", $"--screenshot={png}",
            "--window-size=1400,900", new Uri(page).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium took longer than {Limit.TotalSeconds} s and was killed");
        }

        Assert.True(process.ExitCode == 0 && File.Exists(png), $"chromium exited {process.ExitCode}: {await output}{await error}");
    }
}
