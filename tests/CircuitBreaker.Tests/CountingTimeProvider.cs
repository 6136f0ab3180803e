namespace CircuitBreaker.Tests;

/// <summary>A time provider that delegates to another and counts the timestamps read from it — the clock reads a
/// breaker makes (every reading of its time goes through <see cref="GetTimestamp"/>).</summary>
internal sealed class CountingTimeProvider(TimeProvider inner) : TimeProvider
{
    private long _reads;

    public long Reads => Interlocked.Read(ref _reads);

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long GetTimestamp()
    {
        Interlocked.Increment(ref _reads);
        return inner.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    public void ResetReads() => Interlocked.Exchange(ref _reads, 0);
}
