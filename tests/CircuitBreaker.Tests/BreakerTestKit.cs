using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>Shared helpers: a breaker on a fake clock, and operations that succeed or fail synchronously.</summary>
internal static class BreakerTestKit
{
    /// <summary>A safety net for awaits that must complete; never a way to wait for state.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Break = TimeSpan.FromSeconds(10);

    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Breaker NewBreaker(TimeProvider clock, Action<BreakerOptions>? configure = null)
    {
        var options = new BreakerOptions { BreakDuration = Break };
        configure?.Invoke(options);
        return new Breaker(options, clock);
    }

    /// <summary>A name no other test uses: every breaker's metrics are on one shared meter, told apart by name.</summary>
    public static string UniqueName(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N");

    public static ValueTask<int> Succeed(CancellationToken _) => new(42);

    public static ValueTask<int> Fail(CancellationToken _) => ValueTask.FromException<int>(new InvalidOperationException("boom"));

    public static Func<CancellationToken, ValueTask<T>> Returning<T>(T value) => _ => new ValueTask<T>(value);

    public static async Task<BreakerOutcome<int>> SucceedAsync(this Breaker breaker) =>
        await breaker.TryExecuteAsync(Succeed).AsTask().WaitAsync(Timeout);

    public static async Task<BreakerOutcome<int>> FailAsync(this Breaker breaker) =>
        await breaker.TryExecuteAsync(Fail).AsTask().WaitAsync(Timeout);

    /// <summary>A call whose result (not an exception) counts as <paramref name="verdict"/>.</summary>
    public static async Task<BreakerOutcome<int>> ReturnAsync(this Breaker breaker, int value, CallVerdict verdict) =>
        await breaker.TryExecuteAsync(Returning(value), _ => verdict).AsTask().WaitAsync(Timeout);

    public static async Task<BreakerSnapshot> SnapshotAsync(this Breaker breaker) =>
        await breaker.GetSnapshotAsync().AsTask().WaitAsync(Timeout);

    /// <summary>Waits until the actor has handled everything posted before (a snapshot is answered in order).</summary>
    public static Task SettleAsync(this Breaker breaker) => breaker.SnapshotAsync();

    /// <summary>Completes with the next transition to <paramref name="to"/> the breaker raises (of a shadow when
    /// <paramref name="shadow"/> is set): a signal set by the event handler. Subscribe before moving the clock.</summary>
    public static Task<CircuitTransition> NextTransitionAsync(this Breaker breaker, BreakerState to, string? shadow = null)
    {
        var signal = new TaskCompletionSource<CircuitTransition>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<CircuitStateChangedEventArgs> handler = (_, e) =>
        {
            if (e.To == to && e.Transition.Shadow == shadow)
            {
                signal.TrySetResult(e.Transition);
            }
        };
        if (shadow is null)
        {
            breaker.StateChanged += handler;
        }
        else
        {
            breaker.ShadowStateChanged += handler;
        }

        return signal.Task.WaitAsync(Timeout);
    }

    /// <summary>Makes <paramref name="calls"/> calls that complete synchronously and counts the rejections. Synchronous
    /// on purpose: a rejection completes at once, and awaiting would hide an allocation.</summary>
    public static int CountSyncRejections(this Breaker breaker, int calls)
    {
        var rejections = 0;
        for (var i = 0; i < calls; i++)
        {
            var outcome = breaker.TryExecuteAsync(Succeed);
            rejections += outcome.IsCompletedSuccessfully && outcome.Result.IsRejected ? 1 : 0;
        }

        return rejections;
    }
}
