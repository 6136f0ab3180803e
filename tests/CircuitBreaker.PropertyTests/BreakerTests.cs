using CircuitBreaker.PropertyTests.Scenarios;
using CsCheck;

namespace CircuitBreaker.PropertyTests;

/// <summary>Model-based properties: random scenarios of calls (success, failure, ignored, cancelled by the caller,
/// slow), permits held and reported (twice, or never), time advances (small, large, exactly to the break end, the
/// trial deadline or a bucket edge and one tick either side), Isolate and Reset, run step by step against the breaker
/// and the reference model. Every decision (admitted or rejected, the deciding state, RetryAfter) must match; a state
/// change caused by an outcome must be published before the call returns; the snapshot and the state changes raised
/// (from, to, instant) must match after every step in half of the scenarios, and at Snapshot steps in the other half,
/// where calls run back to back without waiting for the actor.</summary>
/// <remarks>CsCheck prints the seed of a failing (shrunk) scenario; set the environment variable
/// <c>CsCheck_Seed</c> to it to replay exactly that scenario first, and <c>CsCheck_Iter</c> to run more.</remarks>
public sealed class BreakerTests
{
    /// <summary>150 scenarios per property keeps the project within seconds; <c>CsCheck_Iter</c>, when set, wins.</summary>
    private static readonly long Iterations = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CsCheck_Iter")) ? 150 : -1;

    [Fact]
    public Task Decisions_ConsecutiveFailuresPolicy_MatchReferenceModel() => CheckAsync(ScenarioGen.ConsecutiveScenarios);

    [Fact]
    public Task Decisions_RollingWindowClosingAsFailuresAgeOut_MatchReferenceModel() => CheckAsync(ScenarioGen.AgeingWindowScenarios);

    [Fact]
    public Task Decisions_RollingWindowWithBreakDuration_MatchReferenceModel() => CheckAsync(ScenarioGen.HalfOpenWindowScenarios);

    [Fact]
    public Task Decisions_FailureRatioPolicy_MatchReferenceModel() => CheckAsync(ScenarioGen.FailureRatioScenarios);

    [Fact]
    public Task Decisions_SeveralTrialsAndSuccessesToClose_MatchReferenceModel() => CheckAsync(ScenarioGen.ManyTrialScenarios);

    [Fact]
    public Task Decisions_GrowingBreakWithCap_MatchReferenceModel() => CheckAsync(ScenarioGen.GrowingBreakScenarios);

    private static Task CheckAsync(Gen<Scenario> scenarios) =>
        scenarios.SampleAsync(ScenarioRunner.RunAsync, iter: Iterations, print: scenario => scenario.ToString());
}
