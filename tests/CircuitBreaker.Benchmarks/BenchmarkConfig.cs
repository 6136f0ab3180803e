using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace CircuitBreaker.Benchmarks;

/// <summary>One short job for every benchmark: the machine has two cores shared with other work, so the run is kept
/// to a few minutes (3 warmup and 15 measured iterations, one launch) and the ratio to Polly, measured in the same
/// run, matters more than the absolute nanoseconds. Other processes only ever add time, so the Min and Median
/// columns are shown next to the Mean as the estimates least disturbed by them. Building the benchmark process can take minutes on that busy
/// machine, hence the long build timeout.</summary>
public class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short3x15")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
