namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What a simulated call throws when it fails; the scenarios' <see cref="BreakerOptions.ClassifyException"/>
/// counts it as a failure, with <see cref="RetryAfter"/> as the provider's retry-after when set.</summary>
internal sealed class SimulatedFailureException : Exception
{
    public SimulatedFailureException()
        : this(null)
    {
    }

    public SimulatedFailureException(TimeSpan? retryAfter)
        : base("simulated failure") => RetryAfter = retryAfter;

    public TimeSpan? RetryAfter { get; }
}
