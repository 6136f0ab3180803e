using CircuitBreaker.Policies;
using CsCheck;

namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>Generators of scenarios: options for one family of rules, then a list of steps drawn for those options
/// (time advances are scaled to the options' durations, slow calls straddle the slow-call threshold, retry-afters
/// straddle the cap).</summary>
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

    /// <summary>The breaker's own policy in the shadow scenarios: it never opens, so every call is admitted (unless
    /// isolated) and every outcome reaches the shadows.</summary>
    private static readonly BreakerPolicy NeverOpens = BreakerPolicy.ConsecutiveFailures(int.MaxValue);

    public static Gen<BreakerPolicy> ConsecutiveFailures { get; } = Gen.Int[1, 4].Select(BreakerPolicy.ConsecutiveFailures);

    public static Gen<BreakerPolicy> RollingWindow { get; } =
        Gen.Select(Window, Gen.Int[1, 5], BucketCount, BreakerPolicy.RollingWindow);

    public static Gen<BreakerPolicy> FailureRatio { get; } =
        Gen.Select(Window, Gen.OneOf(Ratios), Gen.Int[1, 6], BucketCount, BreakerPolicy.FailureRatio);

    /// <summary>Mostly a short count of calls, so that the oldest call leaves within a scenario; now and then a long one.</summary>
    public static Gen<BreakerPolicy> LastCalls { get; } =
        Gen.Frequency((4, Gen.Int[1, 8]), (1, Gen.Int[9, 40]))
            .SelectMany(calls => Gen.Int[1, Math.Min(calls, 6)].Select(failures => BreakerPolicy.LastCalls(calls, failures)));

    public static Gen<BreakerPolicy> AnyPolicy { get; } = Gen.OneOf(ConsecutiveFailures, RollingWindow, FailureRatio, LastCalls);

    public static Gen<Scenario> ConsecutiveScenarios { get; } = Scenarios(Options(ConsecutiveFailures, AnyGrowth), StepWeights.Default);

    /// <summary>Rolling window with the default recovery: no break duration, failures age out (a retry-after still
    /// sets its own break, then half-open).</summary>
    public static Gen<Scenario> AgeingWindowScenarios { get; } = Scenarios(Options(RollingWindow, FixedBreak, ageing: true), StepWeights.Default);

    public static Gen<Scenario> HalfOpenWindowScenarios { get; } = Scenarios(Options(RollingWindow, AnyGrowth), StepWeights.Default);

    public static Gen<Scenario> FailureRatioScenarios { get; } = Scenarios(Options(FailureRatio, AnyGrowth), StepWeights.Default);

    public static Gen<Scenario> LastCallsScenarios { get; } = Scenarios(Options(LastCalls, AnyGrowth), StepWeights.Default);

    /// <summary>Several trials at once and several successes to close, with permits held across steps.</summary>
    public static Gen<Scenario> ManyTrialScenarios { get; } = Scenarios(
        Options(
            Gen.Frequency<BreakerPolicy>((2, Gen.Int[1, 2].Select(BreakerPolicy.ConsecutiveFailures)), (1, RollingWindow), (1, FailureRatio), (1, LastCalls)),
            AnyGrowth,
            halfOpenMaxCalls: (2, 5),
            successesToClose: (2, 4)),
        StepWeights.ManyPermits);

    /// <summary>A growing break with a low cap, reached within a few re-opens.</summary>
    public static Gen<Scenario> GrowingBreakScenarios { get; } = Scenarios(Options(ConsecutiveFailures, Growing, capMultiple: (1, 10)), StepWeights.Default);

    /// <summary>A breaker whose own policy never opens, with one to three shadow policies of any kind: every outcome
    /// reaches the shadows (stale ones too: permits held across Reset and Isolate), and each shadow's transitions must
    /// be those of the model with the shadow's policy fed the same outcomes.</summary>
    public static Gen<Scenario> ShadowScenarios { get; } =
        Scenarios(Options(Gen.Const(NeverOpens), AnyGrowth, shadows: (1, 3), defaultBreakEighths: 3), StepWeights.Shadows);

    private static Gen<Scenario> Scenarios(Gen<BreakerOptions> options, StepWeights weights) =>
        options.SelectMany(o => Gen.Select(Gen.Bool, Steps(o, weights).List[1, MaxSteps], (everyStep, steps) => new Scenario(o, everyStep, steps)));

    /// <summary>Options for <paramref name="policy"/>; one scenario in four also gets one or two shadow policies of any
    /// kind (which must change nothing in the breaker's own decisions), unless <paramref name="shadows"/> asks for more.</summary>
    private static Gen<BreakerOptions> Options(
        Gen<BreakerPolicy> policy,
        double[] growthFactors,
        bool ageing = false,
        (int Min, int Max) halfOpenMaxCalls = default,
        (int Min, int Max) successesToClose = default,
        (int Min, int Max) capMultiple = default,
        (int Min, int Max) shadows = default,
        int defaultBreakEighths = 1)
    {
        halfOpenMaxCalls = halfOpenMaxCalls == default ? (1, 3) : halfOpenMaxCalls;
        successesToClose = successesToClose == default ? (1, 3) : successesToClose;
        capMultiple = capMultiple == default ? (1, 40) : capMultiple;
        var shadowPolicies = shadows == default
            ? Gen.Frequency((3, Gen.Const(Array.Empty<BreakerPolicy>())), (1, AnyPolicy.Array[1, 2]))
            : AnyPolicy.Array[shadows.Min, shadows.Max];
        var timing = Gen.Select(Gen.Int[1, 50], Gen.OneOf(growthFactors), Gen.Int[capMultiple.Min, capMultiple.Max], Gen.Int[0, 7], Gen.Int[0, 9]);
        return Gen.Select(
            policy,
            timing,
            Gen.Int[halfOpenMaxCalls.Min, halfOpenMaxCalls.Max],
            Gen.Int[successesToClose.Min, successesToClose.Max],
            Gen.Int[1, 50],
            SlowCallThreshold,
            shadowPolicies,
            (p, t, trials, successes, deadlineTenths, slow, shadowList) =>
            {
                var (breakTenths, factor, cap, eighth, tenth) = t;

                // Now and then no break duration: the policy's default (30 s), or for a rolling window ageing out.
                var policyDefault = ageing || (eighth < defaultBreakEighths && p is not RollingWindowPolicy);
                var breakDuration = TimeSpan.FromMilliseconds(100 * breakTenths);

                // Now and then a cap below the fixed break, which is then its own cap.
                var maxBreak = policyDefault ? BreakerDefaults.MaxBreakDuration : tenth == 0 ? breakDuration / 2 : breakDuration * cap;
                var options = new BreakerOptions
                {
                    Name = "model",
                    Policy = p,
                    BreakDuration = policyDefault ? null : breakDuration,
                    BreakDurationGrowthFactor = factor,
                    MaxBreakDuration = maxBreak,
                    HalfOpenMaxCalls = trials,
                    SuccessesToClose = successes,
                    TrialDeadline = TimeSpan.FromMilliseconds(100 * deadlineTenths),
                    SlowCallThreshold = slow,
                };
                for (var i = 0; i < shadowList.Length; i++)
                {
                    options.ShadowPolicies.Add($"#{i + 1} {shadowList[i]}", shadowList[i]);
                }

                return options;
            });
    }

    private static Gen<Step> Steps(BreakerOptions options, StepWeights weights)
    {
        BreakerPolicy[] policies = [options.Policy, .. options.ShadowPolicies.Values];
        var bucket = policies.Select(Scenario.BucketTicks).Where(width => width > 0).DefaultIfEmpty(0).Min();
        var windowTicks = policies.Max(p => Scenario.WindowOf(p).Ticks);
        var breakTicks = options.BreakDuration?.Ticks ?? (policies.Any(p => p is not RollingWindowPolicy) ? BreakerDefaults.BreakDuration.Ticks : 0);
        var scale = Math.Max(Math.Max(breakTicks, windowTicks), options.TrialDeadline.Ticks);
        var capTicks = Math.Max(options.BreakDuration?.Ticks ?? 0, options.MaxBreakDuration.Ticks);
        var duration = Gen.Frequency<long>(
            (6, Gen.Const(0L)),
            (2, options.SlowCallThreshold is { } slow ? Gen.OneOf(slow.Ticks - 1, slow.Ticks, slow.Ticks + 1) : Gen.Long[1, TimeSpan.TicksPerMillisecond * 10]),
            (1, Gen.Long[1, scale]));
        var outcomes = Gen.Frequency(
            (weights.Successes, CallOutcome.Success),
            (weights.Failures, CallOutcome.Failure),
            ((weights.Failures + 1) / 2, CallOutcome.FailingResult),
            (1, CallOutcome.IgnoredByPredicate),
            (1, CallOutcome.CancelledByCaller),
            (1, CallOutcome.IgnoredResult),
            (1, CallOutcome.ClassifierThrows));

        // A third of the failures carry a retry-after: zero, within the break, just around the cap, or far beyond it.
        var retryAfter = Gen.Frequency<long?>(
            (12, Gen.Const((long?)null)),
            (1, Gen.Const((long?)0)),
            (3, Gen.Long[1, Math.Max(1, Math.Max(breakTicks, options.TrialDeadline.Ticks))].Select(ticks => (long?)ticks)),
            (1, Gen.Long[capTicks - 1, capTicks + 1].Select(ticks => (long?)ticks)),
            (1, Gen.Long[capTicks + 1, BreakerDefaults.LongestDuration.Ticks].Select(ticks => (long?)ticks)));
        var ending = Gen.Select(outcomes, retryAfter, (outcome, wait) => (outcome, outcome is CallOutcome.Failure or CallOutcome.FailingResult ? wait : null));
        var call = Gen.Select(
            ending,
            Gen.Enum<CallStyle>(),
            duration,
            Gen.Enum<PermitReport>(),
            (end, style, ticks, report) => (Step)new CallStep(end.outcome, style == CallStyle.ExecuteVoid && end.outcome is CallOutcome.FailingResult or CallOutcome.IgnoredResult or CallOutcome.ClassifierThrows ? CallStyle.Execute : style, ticks, end.Item2, report));
        var held = Gen.Select(
            Gen.Int[0, 7],
            ending,
            Gen.Int[0, 4],
            Gen.Enum<PermitReport>(),
            (index, end, keep, report) => (Step)new ReportHeldStep(index, end.outcome, keep == 0, end.Item2, report));
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

        if (options.ShadowPolicies.Count > 0)
        {
            advances.Add((3, offset.Select(ticks => (Step)new AdvanceStep(AdvanceTarget.ShadowBreakEnd, ticks))));
        }

        return Gen.Frequency<Step>(
            (weights.Call, call),
            (weights.Acquire, Gen.Frequency((3, Gen.Const(1)), (2, Gen.Int[2, 5])).Select(count => (Step)new AcquireStep(count))),
            (weights.ReportHeld, held),
            (weights.Advance, Gen.Frequency<Step>([.. advances])),
            (weights.Isolate, Gen.Const<Step>(new IsolateStep())),
            (weights.Reset, Gen.Const<Step>(new ResetStep())),
            (weights.Snapshot, Gen.Const<Step>(new SnapshotStep())));
    }

    /// <summary>True for the outcomes that are a reply the operation returns (so not for an operation without a result).</summary>
    public static bool ReturnsReply(CallOutcome outcome) =>
        outcome is CallOutcome.Success or CallOutcome.FailingResult or CallOutcome.IgnoredResult or CallOutcome.ClassifierThrows;
}
