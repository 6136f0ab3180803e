using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;

namespace KeyValue.Benchmarks;

/// <summary>
/// One short job for every benchmark (ShortRun-like: 1 launch, 3 warmup and 10 measured iterations): the machine
/// has two cores shared with other work, and what the run must show is the Allocated column, which does not
/// depend on noise. Building the benchmark process can take minutes on that busy machine, hence the long build
/// timeout.
/// </summary>
public class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithId("Short3x10")
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithBuildTimeout(TimeSpan.FromMinutes(10));
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared));
    }
}
