using CircuitBreaker.PropertyTests.Model;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What a scenario reached, so that each property can check that its generator really exercises the rules
/// it is about (a property that never half-opens would pass without testing anything).</summary>
internal sealed record ScenarioCoverage(
    IReadOnlyList<ModelTransition> Transitions,
    IReadOnlyList<ModelTransition> ShadowTransitions,
    int MostTrialsInFlight,
    bool BreakReachedCap,
    bool RetryAfterCapped,
    int StaleOutcomesShadowsCounted)
{
    /// <summary>What was reached, as texts a property can name: "Closed->Open" for each state change, "Closed->Open
    /// retry-after" for one whose break the provider set, "rule FailuresAgedOut" for the rule that fired, "retry-after capped", "break capped", "3 trials at once",
    /// "shadow Closed->Open", "shadow FailuresInLastCalls" (the rule), "shadow retry-after", "stale outcome counted
    /// by a shadow".</summary>
    public IEnumerable<string> Facts()
    {
        foreach (var change in Transitions)
        {
            yield return $"{change.From}->{change.To}";
            yield return $"rule {change.Rule}";
            if (change.RetryAfter is not null)
            {
                yield return $"{change.From}->{change.To} retry-after";
            }
        }

        foreach (var change in ShadowTransitions)
        {
            yield return $"shadow {change.From}->{change.To}";
            yield return $"shadow {change.Rule}";
            if (change.RetryAfter is not null)
            {
                yield return "shadow retry-after";
            }
        }

        if (RetryAfterCapped)
        {
            yield return "retry-after capped";
        }

        if (BreakReachedCap)
        {
            yield return "break capped";
        }

        if (MostTrialsInFlight >= 3)
        {
            yield return "3 trials at once";
        }

        if (StaleOutcomesShadowsCounted > 0)
        {
            yield return "stale outcome counted by a shadow";
        }
    }
}
