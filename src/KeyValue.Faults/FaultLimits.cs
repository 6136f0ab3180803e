namespace KeyValue.Faults;

/// <summary>Bounds on what a fault spec or mode may ask for.</summary>
public static class FaultLimits
{
    /// <summary>Longest <c>PATTERN</c>, in characters.</summary>
    public const int MaxPatternLength = 4_096;

    /// <summary>Longest duration for <c>FOR</c> and <c>DELAY</c>: one day.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);
}
