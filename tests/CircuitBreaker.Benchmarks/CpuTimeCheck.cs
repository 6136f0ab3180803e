using System.Diagnostics;
using System.Globalization;
using Polly;
using Polly.CircuitBreaker;

namespace CircuitBreaker.Benchmarks;

/// <summary>A cross-check for a busy machine: BenchmarkDotNet measures wall-clock time and runs each row in its own
/// process one after another, so when other processes come and go the rows are measured under different loads. This
/// check instead alternates ours and Polly in rounds inside one process and charges each only the CPU time the
/// process used, so the ratios do not depend on what else runs. Run with <c>-- --cpu-time-check</c>.</summary>
internal static class CpuTimeCheck
{
    private const int CallsPerRound = 2_000_000;
    private const int Rounds = 5;

    public static async Task RunAsync()
    {
        await using var oursClosed = Contestants.OursConsecutive();
        await using var oursOpen = Contestants.OursConsecutive();
        await Contestants.TripAsync(oursOpen);
        var pollyState = new CircuitBreakerStateProvider();
        var pollyClosed = Contestants.PollyPipeline();
        var pollyOpen = Contestants.PollyPipeline(pollyState);
        await Contestants.TripAsync(pollyOpen, pollyState);

        Console.WriteLine($"ns per call over {CallsPerRound:N0} calls, as CPU time / wall time; rounds alternate ours and Polly.");
        Console.WriteLine("| round | closed: ours TryExecuteAsync | Polly ExecuteAsync | ratio CPU / wall | rejected: ours TryExecuteAsync | Polly ExecuteOutcomeAsync | ratio CPU / wall |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= Rounds; round++)
        {
            var oursClosedNs = await MeasureAsync(() => OursLoopAsync(oursClosed));
            var pollyClosedNs = await MeasureAsync(() => PollyLoopAsync(pollyClosed));
            var oursOpenNs = await MeasureAsync(() => OursLoopAsync(oursOpen));
            var pollyOpenNs = await MeasureAsync(() => PollyOutcomeLoopAsync(pollyOpen));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {round} | {oursClosedNs.Cpu:F1} / {oursClosedNs.Wall:F1} | {pollyClosedNs.Cpu:F1} / {pollyClosedNs.Wall:F1} | {oursClosedNs.Cpu / pollyClosedNs.Cpu:F2} / {oursClosedNs.Wall / pollyClosedNs.Wall:F2} | {oursOpenNs.Cpu:F1} / {oursOpenNs.Wall:F1} | {pollyOpenNs.Cpu:F1} / {pollyOpenNs.Wall:F1} | {oursOpenNs.Cpu / pollyOpenNs.Cpu:F2} / {oursOpenNs.Wall / pollyOpenNs.Wall:F2} |"));
        }
    }

    private static async Task<(double Cpu, double Wall)> MeasureAsync(Func<Task<long>> loop)
    {
        await loop();
        using var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        GC.KeepAlive(await loop());
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return ((process.TotalProcessorTime - before).TotalNanoseconds / CallsPerRound, wall.TotalNanoseconds / CallsPerRound);
    }

    private static async Task<long> OursLoopAsync(Breaker breaker)
    {
        long sum = 0;
        for (var i = 0; i < CallsPerRound; i++)
        {
            var outcome = await breaker.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, CancellationToken.None);
            sum += (int)outcome.Kind;
        }

        return sum;
    }

    private static async Task<long> PollyLoopAsync(ResiliencePipeline pipeline)
    {
        long sum = 0;
        for (var i = 0; i < CallsPerRound; i++)
        {
            sum += await pipeline.ExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, CancellationToken.None);
        }

        return sum;
    }

    private static async Task<long> PollyOutcomeLoopAsync(ResiliencePipeline pipeline)
    {
        long sum = 0;
        for (var i = 0; i < CallsPerRound; i++)
        {
            var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
            var outcome = await pipeline.ExecuteOutcomeAsync(static (_, value) => Outcome.FromResultAsValueTask(value), context, 1);
            ResilienceContextPool.Shared.Return(context);
            sum += outcome.Exception is null ? 1 : 0;
        }

        return sum;
    }
}
