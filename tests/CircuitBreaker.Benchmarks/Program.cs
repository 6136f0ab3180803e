using BenchmarkDotNet.Running;
using CircuitBreaker.Benchmarks;

if (args is ["--cpu-time-check"])
{
    await CpuTimeCheck.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
