using System.Diagnostics;
using System.Reflection;
using CircuitBreaker.Actor;

namespace CircuitBreaker.Benchmarks;

/// <summary>An open breaker held within <see cref="ActorTimer.MarginMs"/> of its break's end for as long as a benchmark
/// runs, so that every rejection takes the precise-clock branch of the one rejection path (the branch a real circuit
/// takes only in the last 100 ms of a break).</summary>
/// <remarks>Its clock, <see cref="CreepingTime"/>, reads the system's <see cref="Stopwatch"/> on every call — the same
/// cost as <see cref="TimeProvider.System"/> — but advances 2^20 (about a million) times slower, so the 50 ms left of
/// the break last about 15 hours of real time. Its timers fire only when <see cref="CreepingTime.Jump"/> moves the
/// clock past them, as a <c>FakeTimeProvider</c>'s do inside <c>Advance</c>.</remarks>
internal static class NearBreakEnd
{
    /// <summary>How far from the break's end the benchmark's clock is put: inside the 100 ms margin.</summary>
    public static readonly TimeSpan Remaining = TimeSpan.FromMilliseconds(50);

    /// <summary>Creates our consecutive breaker on a <see cref="CreepingTime"/>, trips it, moves its clock to
    /// <see cref="Remaining"/> before the break's end (which fires the timer that withdraws the clock-free
    /// permission), and checks both.</summary>
    public static async Task<Breaker> OpenBreakerAsync()
    {
        var time = new CreepingTime();
        var breaker = Contestants.OursConsecutive(time);
        await Contestants.TripAsync(breaker);
        Require(ClockFreeRejection(breaker), "a freshly tripped breaker should reject without a clock read");
        time.Jump(Contestants.LongBreak - Remaining);

        // The timer's tick is a message to the actor; a snapshot request queued after it returns once it is handled.
        await breaker.GetSnapshotAsync();
        Require(!ClockFreeRejection(breaker), "within 100 ms of the break's end the clock-free permission should be withdrawn");
        var outcome = await breaker.TryExecuteAsync(static (value, _) => new ValueTask<int>(value), 42, CancellationToken.None);
        Require(outcome.IsRejected && outcome.RetryAfter <= Remaining, $"the breaker should reject near its break's end: {outcome}, retry after {outcome.RetryAfter}");
        return breaker;
    }

    /// <summary>Whether <paramref name="breaker"/>'s published snapshot may reject without reading the clock (an internal
    /// of the library, visible to this project).</summary>
    public static bool ClockFreeRejection(Breaker breaker)
    {
        var field = typeof(Breaker).GetField("_actor", BindingFlags.NonPublic | BindingFlags.Instance)
            ?? throw new InvalidOperationException("Breaker._actor not found: update NearBreakEnd to the library's layout.");
        var actor = (BreakerActor)field.GetValue(breaker)!;
        return actor.AllowsClockFreeRejection(actor.Snapshot);
    }

    private static void Require(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"Benchmark setup: {what}.");
        }
    }

    /// <summary>A clock that reads the system's <see cref="Stopwatch"/> (so a read costs what a system clock read costs)
    /// but runs 2^<see cref="SlowdownShift"/> times slower, plus whatever <see cref="Jump"/> added.</summary>
    public sealed class CreepingTime : TimeProvider
    {
        public const int SlowdownShift = 20;

        private readonly long _start = Stopwatch.GetTimestamp();
        private readonly List<ManualTimer> _timers = [];
        private long _jumped;

        public override long GetTimestamp() => _start + Volatile.Read(ref _jumped) + ((Stopwatch.GetTimestamp() - _start) >> SlowdownShift);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            lock (_timers)
            {
                _timers.Add(timer);
            }

            return timer;
        }

        /// <summary>Moves the clock forward and fires, on this thread, every timer now due.</summary>
        public void Jump(TimeSpan by)
        {
            Interlocked.Add(ref _jumped, (long)(by.TotalSeconds * TimestampFrequency));
            ManualTimer[] timers;
            lock (_timers)
            {
                timers = [.. _timers];
            }

            foreach (var timer in timers)
            {
                timer.FireIfDue(GetTimestamp());
            }
        }

        private sealed class ManualTimer(CreepingTime time, TimerCallback callback, object? state) : ITimer
        {
            private readonly Lock _lock = new();
            private long _dueAt = long.MaxValue;

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (_lock)
                {
                    _dueAt = dueTime == Timeout.InfiniteTimeSpan
                        ? long.MaxValue
                        : time.GetTimestamp() + (long)(dueTime.TotalSeconds * time.TimestampFrequency);
                }

                return true;
            }

            public void FireIfDue(long now)
            {
                lock (_lock)
                {
                    if (now < _dueAt)
                    {
                        return;
                    }

                    _dueAt = long.MaxValue;
                }

                callback(state);
            }

            public void Dispose() => Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

            public ValueTask DisposeAsync()
            {
                Dispose();
                return default;
            }
        }
    }
}
