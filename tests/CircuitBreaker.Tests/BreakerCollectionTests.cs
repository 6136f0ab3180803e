using System.Diagnostics;
using System.Runtime.CompilerServices;
using Xunit.Abstractions;

namespace CircuitBreaker.Tests;

/// <summary>A breaker nobody disposed holds no process-wide reference to itself (the meter is shared and static), so
/// the garbage collector takes it.</summary>
public sealed class BreakerCollectionTests(ITestOutputHelper output)
{
    private const int Breakers = 10_000;

    [Fact]
    public async Task Breakers_CreatedUsedAndNeverDisposed_AreAllCollected()
    {
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        var watch = Stopwatch.StartNew();
        var (references, whileAlive) = await CreateUndisposedAsync(Breakers);
        var created = watch.Elapsed;
        var alive = Collect(references);

        // The actors' loops start on the thread pool; one that has not yet parked on its channel is still queued there.
        var retries = 0;
        for (; retries < 50 && alive > 0; retries++)
        {
            await Task.Yield();
            alive = Collect(references);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        output.WriteLine(
            $"{Breakers} breakers created and used in {created.TotalMilliseconds:0} ms: +{(whileAlive - baseline) / 1e6:0.0} MB while referenced; " +
            $"after collection ({retries} retries, {watch.Elapsed.TotalMilliseconds:0} ms in all): {(after - baseline) / 1e6:+0.0;-0.0} MB, {alive} alive");
        Assert.Equal(0, alive);
    }

    private static int Collect(List<WeakReference> references)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return references.Count(r => r.IsAlive);
    }

    /// <summary>Creates breakers on the system clock, makes a call through each (so its actor has run), and drops them.
    /// Not inlined, so that no local of the test keeps one alive.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(List<WeakReference> References, long WhileAlive)> CreateUndisposedAsync(int count)
    {
        var breakers = new List<Breaker>(count);
        for (var i = 0; i < count; i++)
        {
            var breaker = new Breaker(new BreakerOptions { Name = "undisposed" });
            await breaker.TryExecuteAsync(BreakerTestKit.Fail);
            breakers.Add(breaker);
        }

        var whileAlive = GC.GetTotalMemory(forceFullCollection: true);
        var references = breakers.Select(b => new WeakReference(b)).ToList();
        GC.KeepAlive(breakers);
        return (references, whileAlive);
    }
}
