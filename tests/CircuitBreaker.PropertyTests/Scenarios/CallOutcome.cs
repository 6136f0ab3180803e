namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>How a simulated call ends.</summary>
internal enum CallOutcome
{
    /// <summary>Returns a value (a failure anyway if it took longer than the slow-call threshold).</summary>
    Success,

    /// <summary>Throws an exception the predicate counts as a failure.</summary>
    Failure,

    /// <summary>Throws an exception the <see cref="BreakerOptions.IsFailure"/> predicate ignores.</summary>
    IgnoredByPredicate,

    /// <summary>The caller cancels its own token and the call throws <see cref="OperationCanceledException"/>: never a failure.</summary>
    CancelledByCaller,
}
