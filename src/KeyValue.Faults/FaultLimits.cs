namespace KeyValue.Faults;

/// <summary>Bounds on what a fault spec or mode may ask for.</summary>
public static class FaultLimits
{
    /// <summary>Longest <c>PATTERN</c>, in characters.</summary>
    public const int MaxPatternLength = 4_096;

    /// <summary>
    /// Longest duration for <c>FOR</c>, <c>DELAY</c> and <c>ERROR RETRY-AFTER</c>: one day. One limit for all three, so a
    /// client is never told to wait for longer than the longest fault can be asked to last.
    /// </summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);
}
