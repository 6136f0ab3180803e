using CircuitBreaker.PropertyTests.Model;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What a scenario reached, so that each property can check that its generator really exercises the rules
/// it is about (a property that never half-opens would pass without testing anything).</summary>
internal sealed record ScenarioCoverage(IReadOnlyList<ModelTransition> Transitions, int MostTrialsInFlight, bool BreakReachedCap);
