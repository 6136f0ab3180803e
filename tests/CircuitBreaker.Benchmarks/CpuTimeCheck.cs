using System.Diagnostics;
using System.Globalization;
using Polly;
using Polly.CircuitBreaker;

namespace CircuitBreaker.Benchmarks;

/// <summary>A cross-check for a busy machine: BenchmarkDotNet measures wall-clock time and runs each row in its own
/// process one after another, so when other processes come and go the rows are measured under different loads. This
/// check instead alternates ours and Polly in rounds inside one process and charges each only the CPU time the
/// process used, so the ratios do not depend on what else runs. It also counts the bytes allocated per call (every
/// thread of the process, the breaker's actor included). Run with <c>-- --cpu-time-check [rounds]</c>.</summary>
internal static class CpuTimeCheck
{
    public const double ClosedTarget = 0.10;
    public const double RejectedTarget = 0.12;

    private const int CallsPerRound = 2_000_000;
    private const int DefaultRounds = 5;
    private const int MaxRounds = 50;

    public static async Task RunAsync(int rounds = DefaultRounds)
    {
        rounds = Math.Clamp(rounds, 1, MaxRounds);
        await using var oursClosed = Contestants.OursConsecutive();
        await using var oursShadowConsecutive = Contestants.OursConsecutiveWithShadow("fail-max 5", BreakerPolicy.ConsecutiveFailures(5));
        await using var oursShadowRatio = Contestants.OursConsecutiveWithShadow("ratio", Contestants.RatioPolicy);
        await using var oursOpen = Contestants.OursConsecutive();
        await Contestants.TripAsync(oursOpen);
        await using var oursOpenNear = await NearBreakEnd.OpenBreakerAsync();
        var pollyState = new CircuitBreakerStateProvider();
        var pollyClosed = Contestants.PollyPipeline();
        var pollyClassifying = Contestants.PollyPipelineClassifyingResults();
        var pollyOpen = Contestants.PollyPipeline(pollyState);
        await Contestants.TripAsync(pollyOpen, pollyState);

        var closedRatios = new List<double>();
        var rejectedRatios = new List<double>();
        var maxOursBytes = 0.0;
        var others = new List<string>();
        Console.WriteLine($"{rounds} rounds of {CallsPerRound:N0} awaited calls per contestant; rounds alternate ours and Polly in one process.");
        Console.WriteLine();
        Console.WriteLine("Targets: ns per call as CPU time / wall time; B = bytes allocated per call (ours / Polly).");
        Console.WriteLine();
        Console.WriteLine("| round | closed: ours TryExecuteAsync | Polly ExecuteAsync | ratio CPU / wall | B | rejected: ours TryExecuteAsync | Polly ExecuteOutcomeAsync | ratio CPU / wall | B |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (var round = 1; round <= rounds; round++)
        {
            var closed = await MeasureAsync(() => OursLoopAsync(oursClosed));
            var pollyClosedNs = await MeasureAsync(() => PollyLoopAsync(pollyClosed));
            var classify = await MeasureAsync(() => OursClassifyLoopAsync(oursClosed));
            var pollyShouldHandle = await MeasureAsync(() => PollyLoopAsync(pollyClassifying));
            var shadowConsecutive = await MeasureAsync(() => OursLoopAsync(oursShadowConsecutive));
            var shadowRatio = await MeasureAsync(() => OursLoopAsync(oursShadowRatio));
            var open = await MeasureAsync(() => OursLoopAsync(oursOpen));
            var pollyOpenNs = await MeasureAsync(() => PollyOutcomeLoopAsync(pollyOpen));
            var openNear = await MeasureAsync(() => OursLoopAsync(oursOpenNear));

            closedRatios.Add(closed.Cpu / pollyClosedNs.Cpu);
            rejectedRatios.Add(open.Cpu / pollyOpenNs.Cpu);
            maxOursBytes = new[] { maxOursBytes, closed.Bytes, open.Bytes }.Max();
            Console.WriteLine(Invariant(
                $"| {round} | {closed.Cpu:F1} / {closed.Wall:F1} | {pollyClosedNs.Cpu:F1} / {pollyClosedNs.Wall:F1} | {closed.Cpu / pollyClosedNs.Cpu:F3} / {closed.Wall / pollyClosedNs.Wall:F3} | {closed.Bytes:F2} / {pollyClosedNs.Bytes:F2} | {open.Cpu:F1} / {open.Wall:F1} | {pollyOpenNs.Cpu:F1} / {pollyOpenNs.Wall:F1} | {open.Cpu / pollyOpenNs.Cpu:F3} / {open.Wall / pollyOpenNs.Wall:F3} | {open.Bytes:F2} / {pollyOpenNs.Bytes:F2} |"));
            others.Add(Invariant(
                $"| {round} | {classify.Cpu:F1} | {classify.Cpu / closed.Cpu:F2} | {pollyShouldHandle.Cpu:F1} | {classify.Cpu / pollyShouldHandle.Cpu:F3} | {shadowConsecutive.Cpu:F1} | {shadowConsecutive.Cpu / closed.Cpu:F2} | {shadowRatio.Cpu:F1} | {shadowRatio.Cpu / closed.Cpu:F2} | {openNear.Cpu:F1} | {openNear.Cpu / open.Cpu:F2} | {openNear.Cpu / pollyOpenNs.Cpu:F3} | {classify.Bytes:F2} / {pollyShouldHandle.Bytes:F2} / {shadowConsecutive.Bytes:F2} / {shadowRatio.Bytes:F2} / {openNear.Bytes:F2} |"));
        }

        Console.WriteLine();
        Console.WriteLine("Other paths, same rounds: CPU ns per call; × plain = / ours closed TryExecuteAsync, × far = / ours rejected far from the break's end (table above).");
        Console.WriteLine();
        Console.WriteLine("| round | closed, classify: ours | × plain | Polly, ShouldHandle on result | ratio | closed, shadow fail-max 5 | × plain | closed, shadow ratio | × plain | rejected < 100 ms from break end | × far | × Polly | B: classify / Polly ShouldHandle / shadow 5 / shadow ratio / near end |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        others.ForEach(Console.WriteLine);

        Console.WriteLine();
        Console.WriteLine(Invariant($"closed success: CPU ratio median {Median(closedRatios):F3} (min {closedRatios.Min():F3}, max {closedRatios.Max():F3}), target <= {ClosedTarget:F2}: {Verdict(Median(closedRatios) <= ClosedTarget)}"));
        Console.WriteLine(Invariant($"rejection:      CPU ratio median {Median(rejectedRatios):F3} (min {rejectedRatios.Min():F3}, max {rejectedRatios.Max():F3}), target <= {RejectedTarget:F2}: {Verdict(Median(rejectedRatios) <= RejectedTarget)}"));
        Console.WriteLine(Invariant($"allocation:     at most {maxOursBytes:F2} B per call on ours closed and rejected, target 0 B: {Verdict(maxOursBytes < 0.5)}"));
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static async Task<(double Cpu, double Wall, double Bytes)> MeasureAsync(Func<Task<long>> loop)
    {
        await loop();
        using var process = Process.GetCurrentProcess();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var before = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        GC.KeepAlive(await loop());
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var cpu = process.TotalProcessorTime - before;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return (cpu.TotalNanoseconds / CallsPerRound, wall.TotalNanoseconds / CallsPerRound, (double)bytes / CallsPerRound);
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

    private static async Task<long> OursClassifyLoopAsync(Breaker breaker)
    {
        long sum = 0;
        for (var i = 0; i < CallsPerRound; i++)
        {
            var outcome = await breaker.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 1, Contestants.Classify, CancellationToken.None);
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
