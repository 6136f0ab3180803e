namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What a simulated call throws when it fails; the predicate counts it as a failure.</summary>
internal sealed class SimulatedFailureException : Exception
{
    public SimulatedFailureException()
        : base("simulated failure")
    {
    }
}
