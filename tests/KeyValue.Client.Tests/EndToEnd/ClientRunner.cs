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
    public static Task<ClientRunResult> RunOnFakeClockAsync(string[] args, Action<int>? afterRequest = null, string input = "")
    {
        var clock = new FakeTimeProvider();
        return RunAsync(args, clock, options => new FakeClockPacer(clock, options.Interval, afterRequest), input);
    }

    /// <summary>A run on the real clock (for request timeouts, which need time to pass while a request waits).</summary>
    public static Task<ClientRunResult> RunOnSystemClockAsync(string[] args, string input = "") =>
        RunAsync(args, TimeProvider.System, null, input);

    private static async Task<ClientRunResult> RunAsync(
        string[] args, TimeProvider clock, Func<ClientOptions, IRequestPacer>? pacerFactory, string input)
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
            var exitCode = await ClientApplication.RunAsync([.. args, "--trace", tracePath], environment, CancellationToken.None)
                .WaitAsync(RunLimit);
            var trace = File.Exists(tracePath)
                ? (await File.ReadAllLinesAsync(tracePath)).Where(l => l.Length > 0).Select(TraceLine.Parse).ToList()
                : [];
            return new ClientRunResult(exitCode, output.ToString(), error.ToString(), trace);
        }
        finally
        {
            File.Delete(tracePath);
        }
    }
}
