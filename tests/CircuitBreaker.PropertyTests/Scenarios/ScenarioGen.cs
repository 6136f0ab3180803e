using CsCheck;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Generators of scenarios: options for one family of rules, then a list of steps drawn for those options
/// (time advances are scaled to the options' durations, slow calls straddle the slow-call threshold).</summary>
internal static class ScenarioGen
{
    private const int MaxSteps = 60;

    private static readonly double[] FixedBreak = [1.0];
    // 1.2 is not exact in binary (the others are): × 1.2³ once came out one tick short. Its products with the bases
    // drawn here (whole 100 ms) are never exactly half a tick past a whole one, so rounding to a tick is unambiguous.
    private static readonly double[] AnyGrowth = [1.0, 1.0, 1.2, 1.5, 2.0, 3.0];
    private static readonly double[] Growing = [1.2, 1.5, 2.0, 3.0];
    private static readonly double[] Ratios = [0.1, 0.25, 0.3, 0.5, 0.6, 0.75, 1.0];

    /// <summary>A window of 0.1 to 10 s (now and then up to the longest allowed, a day) in whole ticks, so the bucket
    /// width is often not a whole division.</summary>
    private static readonly Gen<TimeSpan> Window = Gen.Frequency(
        (6, Gen.Long[1_000_000, 100_000_000]),
        (1, Gen.Long[TimeSpan.TicksPerMillisecond, BreakerDefaults.LongestDuration.Ticks])).Select(TimeSpan.FromTicks);

    /// <summary>Mostly a few buckets, so that buckets fill and empty within a scenario; now and then up to the maximum.</summary>
    private static readonly Gen<int> BucketCount = Gen.Frequency((6, Gen.Int[1, 10]), (1, Gen.Int[11, BreakerDefaults.MaxBucketCount]));

    private static readonly Gen<TimeSpan?> SlowCallThreshold = Gen.Frequency<TimeSpan?>(
        (2, Gen.Const((TimeSpan?)null)),
        (1, Gen.Int[1, 10].Select(tenths => (TimeSpan?)TimeSpan.FromMilliseconds(100 * tenths))));

    public static Gen<BreakerPolicy> ConsecutiveFailures { get; } = Gen.Int[1, 4].Select(BreakerPolicy.ConsecutiveFailures);

    public static Gen<BreakerPolicy> RollingWindow { get; } =
        Gen.Select(Window, Gen.Int[0, 4], BucketCount, BreakerPolicy.RollingWindow);

    public static Gen<BreakerPolicy> FailureRatio { get; } =
        Gen.Select(Window, Gen.OneOf(Ratios), Gen.Int[1, 6], BucketCount, BreakerPolicy.FailureRatio);

    public static Gen<Scenario> ConsecutiveScenarios { get; } = Scenarios(Options(ConsecutiveFailures, AnyGrowth), StepWeights.Default);

    /// <summary>Rolling window with the default recovery: no break duration, failures age out.</summary>
    public static Gen<Scenario> AgeingWindowScenarios { get; } = Scenarios(Options(RollingWindow, FixedBreak, ageing: true), StepWeights.Default);

    public static Gen<Scenario> HalfOpenWindowScenarios { get; } = Scenarios(Options(RollingWindow, AnyGrowth), StepWeights.Default);

    public static Gen<Scenario> FailureRatioScenarios { get; } = Scenarios(Options(FailureRatio, AnyGrowth), StepWeights.Default);

    /// <summary>Several trials at once and several successes to close, with permits held across steps.</summary>
    public static Gen<Scenario> ManyTrialScenarios { get; } = Scenarios(
        Options(
            Gen.Frequency<BreakerPolicy>((2, Gen.Int[1, 2].Select(BreakerPolicy.ConsecutiveFailures)), (1, RollingWindow), (1, FailureRatio)),
            AnyGrowth,
            halfOpenMaxCalls: (2, 5),
            successesToClose: (2, 4)),
        StepWeights.ManyPermits);

    /// <summary>A growing break with a low cap, reached within a few re-opens.</summary>
    public static Gen<Scenario> GrowingBreakScenarios { get; } = Scenarios(Options(ConsecutiveFailures, Growing, capMultiple: (1, 10)), StepWeights.Default);

    private static Gen<Scenario> Scenarios(Gen<BreakerOptions> options, StepWeights weights) =>
        options.SelectMany(o => Gen.Select(Gen.Bool, Steps(o, weights).List[1, MaxSteps], (everyStep, steps) => new Scenario(o, everyStep, steps)));

    private static Gen<BreakerOptions> Options(
        Gen<BreakerPolicy> policy,
        double[] growthFactors,
        bool ageing = false,
        (int Min, int Max) halfOpenMaxCalls = default,
        (int Min, int Max) successesToClose = default,
        (int Min, int Max) capMultiple = default)
    {
        halfOpenMaxCalls = halfOpenMaxCalls == default ? (1, 3) : halfOpenMaxCalls;
        successesToClose = successesToClose == default ? (1, 3) : successesToClose;
        capMultiple = capMultiple == default ? (1, 40) : capMultiple;
        return Gen.Select(
            policy,
            Gen.Int[1, 50],
            Gen.OneOf(growthFactors),
            Gen.Int[capMultiple.Min, capMultiple.Max],
            Gen.Int[halfOpenMaxCalls.Min, halfOpenMaxCalls.Max],
            Gen.Int[successesToClose.Min, successesToClose.Max],
            Gen.Int[1, 50],
            SlowCallThreshold,
            Gen.Int[0, 7],
            (p, breakTenths, factor, cap, trials, successes, deadlineTenths, slow, oneInEight) =>
            {
                // Now and then no break duration: the policy's default (30 s), or for a rolling window ageing out.
                var policyDefault = ageing || (oneInEight == 0 && p.Kind != BreakerPolicyKind.RollingWindow);
                var breakDuration = TimeSpan.FromMilliseconds(100 * breakTenths);
                return new BreakerOptions
                {
                    Name = "model",
                    Policy = p,
                    BreakDuration = policyDefault ? null : breakDuration,
                    BreakDurationGrowthFactor = factor,
                    MaxBreakDuration = policyDefault ? BreakerDefaults.MaxBreakDuration : breakDuration * cap,
                    HalfOpenMaxCalls = trials,
                    SuccessesToClose = successes,
                    TrialDeadline = TimeSpan.FromMilliseconds(100 * deadlineTenths),
                    SlowCallThreshold = slow,
                };
            });
    }

    private static Gen<Step> Steps(BreakerOptions options, StepWeights weights)
    {
        var bucket = options.Policy.BucketResolution.Ticks;
        var breakTicks = options.BreakDuration?.Ticks ?? (options.Policy.Kind == BreakerPolicyKind.RollingWindow ? 0 : BreakerDefaults.BreakDuration.Ticks);
        var scale = Math.Max(Math.Max(breakTicks, options.Policy.Window.Ticks), options.TrialDeadline.Ticks);
        var duration = Gen.Frequency<long>(
            (6, Gen.Const(0L)),
            (2, options.SlowCallThreshold is { } slow ? Gen.OneOf(slow.Ticks - 1, slow.Ticks, slow.Ticks + 1) : Gen.Long[1, TimeSpan.TicksPerMillisecond * 10]),
            (1, Gen.Long[1, scale]));
        var outcomes = Gen.Frequency(
            (weights.Successes, CallOutcome.Success),
            (weights.Failures, CallOutcome.Failure),
            (1, CallOutcome.IgnoredByPredicate),
            (1, CallOutcome.CancelledByCaller));
        var call = Gen.Select(outcomes, Gen.Enum<CallStyle>(), duration, (outcome, style, ticks) => (Step)new CallStep(outcome, style, ticks));
        var report = Gen.Select(Gen.Int[0, 7], outcomes, Gen.Int[0, 4], (index, outcome, keep) => (Step)new ReportHeldStep(index, outcome, keep == 0));
        var offset = Gen.OneOf(-1L, 0L, 1L);
        var advances = new List<(int, IGen<Step>)>
        {
            (3, Gen.Long[1, bucket > 0 ? bucket : TimeSpan.TicksPerSecond / 10].Select(ticks => (Step)new AdvanceStep(AdvanceTarget.By, ticks))),
            (2, Gen.Long[1, 3 * scale].Select(ticks => (Step)new AdvanceStep(AdvanceTarget.By, ticks))),
            (1, Gen.Long[1, TimeSpan.TicksPerDay].Select(ticks => (Step)new AdvanceStep(AdvanceTarget.By, ticks))),
            (1, Gen.Long[1, 10].Select(ticks => (Step)new AdvanceStep(AdvanceTarget.By, ticks))),
            (3, offset.Select(ticks => (Step)new AdvanceStep(AdvanceTarget.BreakEnd, ticks))),
            (1, offset.Select(ticks => (Step)new AdvanceStep(AdvanceTarget.TrialDeadline, ticks))),
        };
        if (bucket > 0)
        {
            advances.Add((2, offset.Select(ticks => (Step)new AdvanceStep(AdvanceTarget.BucketEdge, ticks))));
        }

        return Gen.Frequency<Step>(
            (weights.Call, call),
            (weights.Acquire, Gen.Frequency((3, Gen.Const(1)), (2, Gen.Int[2, 5])).Select(count => (Step)new AcquireStep(count))),
            (weights.ReportHeld, report),
            (weights.Advance, Gen.Frequency<Step>([.. advances])),
            (weights.Isolate, Gen.Const<Step>(new IsolateStep())),
            (weights.Reset, Gen.Const<Step>(new ResetStep())),
            (weights.Snapshot, Gen.Const<Step>(new SnapshotStep())));
    }
}
