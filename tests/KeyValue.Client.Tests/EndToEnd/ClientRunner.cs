using KeyValue.Client.Cli;
using KeyValue.Client.Output;
using KeyValue.Client.Run;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>Runs the real client in process, through its command line, with a trace file, and reads the trace back.</summary>
internal static class ClientRunner
{
    public static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(30);

    /// <summary>A run on a fake clock: the interval between requests is a clock advance, the script runs in each gap.</summary>
    /// <remarks>Cancelling <paramref name="cancellationToken"/> is Ctrl+C.</remarks>
    public static Task<ClientRunResult> RunOnFakeClockAsync(
        string[] args, Action<int>? afterRequest = null, string input = "", CancellationToken cancellationToken = default)
    {
        var clock = new FakeTimeProvider();
        return RunAsync(args, clock, options => new FakeClockPacer(clock, options.Interval, afterRequest), input, cancellationToken);
    }

    /// <summary>A run on the real clock (for request timeouts, which need time to pass while a request waits).</summary>
    public static Task<ClientRunResult> RunOnSystemClockAsync(string[] args, string input = "") =>
        RunAsync(args, TimeProvider.System, null, input, CancellationToken.None);

    private static async Task<ClientRunResult> RunAsync(
        string[] args, TimeProvider clock, Func<ClientOptions, IRequestPacer>? pacerFactory, string input, CancellationToken cancellationToken)
    {
        var tracePath = Path.Combine(Path.GetTempPath(), $"kv-client-trace-{Guid.NewGuid():N}.jsonl");
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            using var reader = new StringReader(input);
            var environment = new ClientEnvironment
            {
                Output = output,
                Error = error,
                Input = reader,
                Palette = Palette.Plain,
                TimeProvider = clock,
                PacerFactory = pacerFactory,
            };
            // The token is the run's Ctrl+C, not the test's: the run still ends (summary, trace) after it.
            var exitCode = await ClientApplication.RunAsync([.. args, "--trace", tracePath], environment, cancellationToken)
                .WaitAsync(RunLimit, CancellationToken.None);
            var trace = File.Exists(tracePath)
                ? (await File.ReadAllLinesAsync(tracePath, CancellationToken.None)).Where(l => l.Length > 0).Select(TraceLine.Parse).ToList()
                : [];
            return new ClientRunResult(exitCode, output.ToString(), error.ToString(), trace);
        }
        finally
        {
            File.Delete(tracePath);
        }
    }
}
