namespace CircuitBreaker;

/// <summary>Which rule opens the circuit.</summary>
public enum BreakerPolicyKind
{
    /// <summary>Open after n failures in a row.</summary>
    ConsecutiveFailures = 0,

    /// <summary>Open when the failures in the last window exceed a threshold.</summary>
    RollingWindow = 1,

    /// <summary>Open when enough calls fall in the window and the failed share reaches a ratio.</summary>
    FailureRatio = 2,
}
