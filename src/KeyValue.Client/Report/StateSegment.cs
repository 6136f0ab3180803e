using KeyValue.Client.Run;

namespace KeyValue.Client.Report;

/// <summary>A stretch of time one policy spent in one state, from <paramref name="Start"/> (included) to <paramref name="End"/> (excluded).</summary>
internal sealed record StateSegment(DateTimeOffset Start, DateTimeOffset End, CircuitStatus State)
{
    public bool Contains(DateTimeOffset time) => time >= Start && time < End;
}
