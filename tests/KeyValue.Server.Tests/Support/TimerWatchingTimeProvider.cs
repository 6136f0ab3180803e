using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Server.Tests.Support;

/// <summary>
/// A fake clock that also tells when timers are created (Task.Delay creates one), so a test can advance it only once the
/// code under test is known to be waiting: a signal, not a guess.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _created;

    public TimerWatchingTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_lock)
        {
            _created++;
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Count <= _created)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        return timer;
    }

    /// <summary>How many timers have been created so far.</summary>
    public int Created
    {
        get
        {
            lock (_lock)
            {
                return _created;
            }
        }
    }

    /// <summary>Completes once <paramref name="count"/> timers have been created in all.</summary>
    public Task WhenTimersCreatedAsync(int count)
    {
        lock (_lock)
        {
            if (_created >= count)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task.WaitAsync(LineClient.Timeout);
        }
    }
}
