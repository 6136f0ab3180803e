using BenchmarkDotNet.Running;

namespace KeyValue.Benchmarks;

// A named class in this namespace: the server's own top-level Program is visible here through InternalsVisibleTo.
internal static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
