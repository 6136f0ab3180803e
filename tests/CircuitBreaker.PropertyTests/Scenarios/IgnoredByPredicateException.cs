namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What a simulated call throws when its outcome should count as neither success nor failure: the scenarios'
/// <see cref="BreakerOptions.ClassifyException"/> ignores exactly this type.</summary>
internal sealed class IgnoredByPredicateException : Exception
{
    public IgnoredByPredicateException()
        : base("ignored by the predicate")
    {
    }
}
