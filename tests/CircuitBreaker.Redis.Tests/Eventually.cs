using System.Diagnostics;

namespace CircuitBreaker.Redis.Tests;

/// <summary>Waits on explicit conditions with a bounded deadline, polling every millisecond or so: how the tests wait
/// for what travels through Redis. Never a fixed sleep.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>Polls until <paramref name="condition"/> holds; fails with <paramref name="what"/> past the deadline.</summary>
    /// <returns>How long it took.</returns>
    public static async Task<TimeSpan> UntilAsync(Func<bool> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}.");
            }

            await Task.Delay(1);
        }

        return clock.Elapsed;
    }

    /// <summary>Polls an asynchronous condition, every 5 ms.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null)
    {
        var limit = deadline ?? Deadline;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Timed out after {limit.TotalSeconds:0.#} s waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }
}
