namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Which entry point of the breaker a call goes through; all must decide and count alike.</summary>
internal enum CallStyle
{
    /// <summary><c>TryExecuteAsync</c> with an operation that completes synchronously; its reply counted by the
    /// breaker's <see cref="BreakerOptions.ClassifyResult"/>.</summary>
    TryExecuteSync,

    /// <summary><c>TryExecuteAsync</c> with an operation that completes asynchronously and a classifier of its own.</summary>
    TryExecuteAsync,

    /// <summary><c>TryExecuteAsync</c> with explicit state (the closure-free overload) and a classifier of its own,
    /// completing asynchronously.</summary>
    TryExecuteWithState,

    /// <summary>The throwing <c>ExecuteAsync</c> with a classifier of its own; rejection arrives as <see cref="CircuitOpenException"/>.</summary>
    Execute,

    /// <summary>The throwing <c>ExecuteAsync</c> for an operation without a result, completing asynchronously (never
    /// drawn with an outcome that is a reply).</summary>
    ExecuteVoid,

    /// <summary>The two-step API: <c>AcquireAsync</c>, then a report on the permit.</summary>
    Permit,
}
