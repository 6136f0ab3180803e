using System.Globalization;
using BenchmarkDotNet.Running;
using CircuitBreaker.Benchmarks;

switch (args)
{
    case ["--cpu-time-check"]:
        await CpuTimeCheck.RunAsync();
        return;
    case ["--cpu-time-check", var rounds] when int.TryParse(rounds, NumberStyles.None, CultureInfo.InvariantCulture, out var count):
        await CpuTimeCheck.RunAsync(count);
        return;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return;
}
