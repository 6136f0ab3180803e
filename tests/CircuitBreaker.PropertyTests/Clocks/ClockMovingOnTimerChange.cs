using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.PropertyTests.Clocks;

/// <summary>A <see cref="FakeTimeProvider"/> seen through a provider whose timers, the first time they are set to a
/// finite due time, move the clock forward by <paramref name="move"/> just before the change takes effect: a
/// deterministic stand-in for a caller advancing the clock while the breaker's actor is between reading the time and
/// setting its timer.</summary>
internal sealed class ClockMovingOnTimerChange(FakeTimeProvider clock, TimeSpan move) : TimeProvider
{
    private int _moved;

    public override long TimestampFrequency => clock.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    public override long GetTimestamp() => clock.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new MovingTimer(this, clock.CreateTimer(callback, state, dueTime, period));

    private void MoveOnce()
    {
        if (Interlocked.Exchange(ref _moved, 1) == 0)
        {
            clock.Advance(move);
        }
    }

    private sealed class MovingTimer(ClockMovingOnTimerChange owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                owner.MoveOnce();
            }

            return inner.Change(dueTime, period);
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
