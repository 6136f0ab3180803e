using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests;

/// <summary>Dispose refuses the calls that start after it, all in one way (a faulted task, one message naming the
/// breaker), and never replaces the value or exception of a call already running.</summary>
public sealed class BreakerDisposeTests
{
    private const string DisposedMessage = "The breaker 'orders' has been disposed; it admits no more calls.";

    public static TheoryData<string, bool> EntryPoints => new()
    {
        { "ExecuteAsync", false }, { "ExecuteAsync", true },
        { "ExecuteAsync classify", false }, { "ExecuteAsync classify", true },
        { "ExecuteAsync state", false }, { "ExecuteAsync state", true },
        { "ExecuteAsync void", false }, { "ExecuteAsync void", true },
        { "TryExecuteAsync", false }, { "TryExecuteAsync", true },
        { "TryExecuteAsync classify", false }, { "TryExecuteAsync classify", true },
        { "TryExecuteAsync state", false }, { "TryExecuteAsync state", true },
        { "TryExecuteAsync state classify", false }, { "TryExecuteAsync state classify", true },
        { "AcquireAsync", false }, { "AcquireAsync", true },
        { "GetSnapshotAsync", false }, { "GetSnapshotAsync", true },
        { "IsolateAsync", false }, { "IsolateAsync", true },
        { "ResetAsync", false }, { "ResetAsync", true },
    };

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public async Task EntryPoint_AfterDispose_ReturnsAFaultedTaskNamingTheBreaker(string entryPoint, bool disposeAsync)
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        var ran = false;
        if (disposeAsync)
        {
            await breaker.DisposeAsync();
        }
        else
        {
            breaker.Dispose();
        }

        Task? call = null;
        Exception? thrownSynchronously = null;
        try
        {
            call = Call(breaker, entryPoint, () => ran = true);
        }
#pragma warning disable CA1031 // The test is that nothing is thrown synchronously.
        catch (Exception e)
#pragma warning restore CA1031
        {
            thrownSynchronously = e;
        }

        Assert.Null(thrownSynchronously);
        Assert.True(call!.IsFaulted, $"{entryPoint} returned a task that is {call.Status}");
        var disposed = await Assert.ThrowsAsync<ObjectDisposedException>(() => call);
        Assert.StartsWith(DisposedMessage, disposed.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(Breaker), disposed.ObjectName);
        Assert.False(ran);
    }

    [Fact]
    public async Task EntryPoints_AfterDispose_AllFailWithTheSameMessage()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        breaker.Dispose();
        var messages = new HashSet<string>(StringComparer.Ordinal);

        foreach (var entryPoint in EntryPoints.Select(row => (string)row[0]).Distinct())
        {
            messages.Add((await Assert.ThrowsAsync<ObjectDisposedException>(() => Call(breaker, entryPoint, () => { }))).Message);
        }

        Assert.Equal(DisposedMessage + Environment.NewLine + "Object name: 'Breaker'.", Assert.Single(messages));
    }

    [Fact]
    public async Task ExecuteAsync_NullOperationAfterDispose_StillThrowsArgumentNull()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        await breaker.DisposeAsync();

        Assert.Throws<ArgumentNullException>(() =>
        {
            _ = breaker.TryExecuteAsync<int>(null!).AsTask();
        });
    }

    [Fact]
    public async Task DisposeAsync_Twice_IsHarmless()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);

        await breaker.DisposeAsync();
        breaker.Dispose();
        await breaker.DisposeAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => breaker.SucceedAsync());
    }

    [Fact]
    public void Breaker_IsDisposableBothWays()
    {
        Assert.True(typeof(IDisposable).IsAssignableFrom(typeof(Breaker)));
        Assert.True(typeof(IAsyncDisposable).IsAssignableFrom(typeof(Breaker)));
    }

    [Fact]
    public async Task Dispose_BySynchronousContainerDispose_DoesNotThrowAndStopsTheBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        var services = new ServiceCollection();
        services.AddSingleton(_ => Named(clock));
        var provider = services.BuildServiceProvider();
        var breaker = provider.GetRequiredService<Breaker>();

        provider.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => breaker.SucceedAsync());
    }

    [Fact]
    public async Task Dispose_WhileACallRuns_TheCallFinishesWithItsValue()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = breaker.ExecuteAsync(_ => new ValueTask<int>(release.Task)).AsTask();

        breaker.Dispose();
        release.SetResult(7);

        Assert.Equal(7, await running.WaitAsync(BreakerTestKit.Timeout));
    }

    [Fact]
    public async Task DisposeAsync_WhileACallRuns_TheCallFinishesWithItsOwnException()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var running = breaker.ExecuteAsync(_ => new ValueTask<int>(release.Task)).AsTask();

        await breaker.DisposeAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);
        release.SetException(new InvalidOperationException("failed after dispose"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => running.WaitAsync(BreakerTestKit.Timeout));
        Assert.Equal("failed after dispose", thrown.Message);
    }

    [Fact]
    public async Task DisposeAsync_DuringASuccessfulTrial_ReturnsTheTrialsValue()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trial = breaker.TryExecuteAsync(async _ =>
        {
            entered.SetResult();
            return await release.Task;
        }).AsTask();
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);

        await breaker.DisposeAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);
        release.SetResult(7);

        var outcome = await trial.WaitAsync(BreakerTestKit.Timeout);
        Assert.Equal((BreakerOutcomeKind.Completed, 7, BreakerState.HalfOpen), (outcome.Kind, outcome.Value, outcome.State));
        Assert.Null(outcome.Transition);
    }

    [Fact]
    public async Task ExecuteAsync_DisposedDuringASuccessfulTrial_ReturnsTheTrialsValue()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        await breaker.FailAsync();
        clock.Advance(BreakerTestKit.Break);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var trial = breaker.ExecuteAsync(async _ =>
        {
            entered.SetResult();
            return await release.Task;
        }).AsTask();
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);

        await breaker.DisposeAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);
        release.SetResult(7);

        Assert.Equal(7, await trial.WaitAsync(BreakerTestKit.Timeout));
    }

    [Fact]
    public async Task Permit_GrantedBeforeDispose_ReportsAfterItWithoutError()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Named(clock);
        var permit = await breaker.AcquireAsync();

        await breaker.DisposeAsync();
        var effect = await permit.ReportFailureAsync(new TimeoutException()).AsTask().WaitAsync(BreakerTestKit.Timeout);

        Assert.Null(effect.Transition);
    }

    private static Task Call(Breaker breaker, string entryPoint, Action ran)
    {
        Func<CancellationToken, ValueTask<int>> operation = _ =>
        {
            ran();
            return new ValueTask<int>(1);
        };
        Func<int, CancellationToken, ValueTask<int>> stateful = (_, _) =>
        {
            ran();
            return new ValueTask<int>(1);
        };
        return entryPoint switch
        {
            "ExecuteAsync" => breaker.ExecuteAsync(operation).AsTask(),
            "ExecuteAsync classify" => breaker.ExecuteAsync(operation, static _ => CallVerdict.Success).AsTask(),
            "ExecuteAsync state" => breaker.ExecuteAsync(stateful, 1).AsTask(),
            "ExecuteAsync void" => breaker.ExecuteAsync(_ =>
            {
                ran();
                return ValueTask.CompletedTask;
            }).AsTask(),
            "TryExecuteAsync" => breaker.TryExecuteAsync(operation).AsTask(),
            "TryExecuteAsync classify" => breaker.TryExecuteAsync(operation, static _ => CallVerdict.Success).AsTask(),
            "TryExecuteAsync state" => breaker.TryExecuteAsync(stateful, 1).AsTask(),
            "TryExecuteAsync state classify" => breaker.TryExecuteAsync(stateful, 1, static _ => CallVerdict.Success).AsTask(),
            "AcquireAsync" => breaker.AcquireAsync().AsTask(),
            "GetSnapshotAsync" => breaker.GetSnapshotAsync().AsTask(),
            "IsolateAsync" => breaker.IsolateAsync().AsTask(),
            "ResetAsync" => breaker.ResetAsync().AsTask(),
            _ => throw new ArgumentOutOfRangeException(nameof(entryPoint), entryPoint, null),
        };
    }

    private static Breaker Named(FakeTimeProvider clock) => BreakerTestKit.NewBreaker(clock, o =>
    {
        o.Name = "orders";
        o.Policy = BreakerPolicy.ConsecutiveFailures(1);
    });
}
