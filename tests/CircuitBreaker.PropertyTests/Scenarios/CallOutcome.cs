namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>How a simulated call ends. The failures may carry the provider's retry-after (the step says how long).</summary>
internal enum CallOutcome
{
    /// <summary>Returns a reply the result classifier counts as a success (a failure anyway if it took longer than the
    /// slow-call threshold).</summary>
    Success,

    /// <summary>Throws an exception <see cref="BreakerOptions.ClassifyException"/> counts as a failure (with the
    /// exception's retry-after, when it has one).</summary>
    Failure,

    /// <summary>Throws an exception <see cref="BreakerOptions.ClassifyException"/> says to ignore.</summary>
    IgnoredByPredicate,

    /// <summary>The caller cancels its own token and the call throws <see cref="OperationCanceledException"/>: never a failure.</summary>
    CancelledByCaller,

    /// <summary>Returns, without throwing, a reply the result classifier counts as a failure (a 503, with its
    /// retry-after when it has one).</summary>
    FailingResult,

    /// <summary>Returns a reply the result classifier says to ignore.</summary>
    IgnoredResult,

    /// <summary>Returns a reply on which the result classifier throws: the call counts as a failure and still returns
    /// its reply.</summary>
    ClassifierThrows,
}
