namespace CircuitBreaker.Actor;

/// <summary>A breaker's time: ticks since the breaker was created, read from its <see cref="TimeProvider"/>, and
/// their translation to wall-clock instants for events and snapshots.</summary>
internal sealed class BreakerClock
{
    private readonly long _originTimestamp;

    public BreakerClock(TimeProvider time)
    {
        Time = time;
        _originTimestamp = time.GetTimestamp();
        OriginUtc = time.GetUtcNow();
    }

    public TimeProvider Time { get; }

    public DateTimeOffset OriginUtc { get; }

    /// <summary>Ticks since the breaker was created.</summary>
    public long Now() => Time.GetElapsedTime(_originTimestamp).Ticks;

    public DateTimeOffset ToUtc(long ticks) => OriginUtc + TimeSpan.FromTicks(ticks);
}
