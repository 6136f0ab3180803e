using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Faults.Tests;

public class FaultInjectorTests
{
    private const long DefaultSeed = 1234;

    // The failing request numbers of CHANCE 0.5 SEED 42 among the first 20, computed independently (SplitMix64 in Python).
    private static readonly long[] PinnedChanceFailures = [2, 3, 4, 5, 7, 9, 11, 12, 16, 17, 18, 19];

    [Fact]
    public void Decide_Initially_IsOffAndNumbersFromOne()
    {
        var injector = CreateInjector();

        var decisions = Enumerable.Range(0, 5).Select(_ => injector.Decide()).ToList();

        Assert.Equal(FaultSpec.Off, injector.Spec);
        Assert.Equal(FaultMode.Error, injector.Mode);
        Assert.All(decisions, d => Assert.False(d.ShouldFail));
        Assert.Equal([1L, 2, 3, 4, 5], decisions.Select(d => d.RequestNumber));
    }

    [Fact]
    public void Decide_On_FailsEveryRequest()
    {
        var injector = CreateInjector("ON");

        Assert.Equal(10, FailingNumbers(injector, 10).Count);
    }

    [Fact]
    public void Decide_Every3rdOf5_FailsExactly3_8_13()
    {
        var injector = CreateInjector("EVERY 3RD OF 5");

        Assert.Equal([3L, 8, 13, 18, 23, 28], FailingNumbers(injector, 30));
    }

    [Theory]
    [InlineData("EVERY 1ST OF 1", new long[] { 1, 2, 3, 4, 5, 6 })]
    [InlineData("EVERY 1ST OF 3", new long[] { 1, 4 })]
    [InlineData("EVERY 3RD OF 3", new long[] { 3, 6 })]
    [InlineData("EVERY 2ND OF 4", new long[] { 2, 6 })]
    public void Decide_EveryEdgePositions_FailsTheKthOfEachPeriod(string spec, long[] expected)
    {
        Assert.Equal(expected, FailingNumbers(CreateInjector(spec), 6));
    }

    [Fact]
    public void Decide_Pattern_RepeatsThePattern()
    {
        var injector = CreateInjector("PATTERN ..x.x");

        Assert.Equal([3L, 5, 8, 10, 13, 15], FailingNumbers(injector, 15));
    }

    [Fact]
    public void Decide_PatternAllPass_FailsNothing()
    {
        Assert.Empty(FailingNumbers(CreateInjector("PATTERN ..."), 9));
    }

    [Fact]
    public void Decide_Next3_FailsThreeThenNothing()
    {
        var injector = CreateInjector("NEXT 3");

        Assert.Equal([1L, 2, 3], FailingNumbers(injector, 10));
        Assert.True(injector.GetStatus().SpecFinished);
    }

    [Fact]
    public void GetStatus_NextNotYetUsedUp_IsNotFinished()
    {
        var injector = CreateInjector("NEXT 3");
        FailingNumbers(injector, 2);

        Assert.False(injector.GetStatus().SpecFinished);
    }

    [Fact]
    public void Decide_For_FailsUntilOneTickBeforeTheEndThenPasses()
    {
        var time = new FakeTimeProvider();
        var injector = CreateInjector("FOR 10s", time);

        Assert.True(injector.Decide().ShouldFail);
        time.Advance(TimeSpan.FromSeconds(10) - TimeSpan.FromTicks(1));
        Assert.True(injector.Decide().ShouldFail);
        Assert.False(injector.GetStatus().SpecFinished);

        time.Advance(TimeSpan.FromTicks(1));
        Assert.False(injector.Decide().ShouldFail);
        Assert.True(injector.GetStatus().SpecFinished);

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(injector.Decide().ShouldFail);
    }

    [Fact]
    public void Decide_ForSetAgain_MeasuresFromTheNewSetTime()
    {
        var time = new FakeTimeProvider();
        var injector = CreateInjector("FOR 500ms", time);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(injector.Decide().ShouldFail);

        injector.SetSpec(FaultSpec.Parse("FOR 500ms"));

        Assert.True(injector.Decide().ShouldFail);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(injector.Decide().ShouldFail);
    }

    [Fact]
    public void Decide_ChanceWithSeed_IsTheSameAcrossInstances()
    {
        var first = FailingNumbers(CreateInjector("CHANCE 0.3 SEED 42"), 1000);
        var second = FailingNumbers(CreateInjector("CHANCE 0.3 SEED 42"), 1000);
        var otherSeed = FailingNumbers(CreateInjector("CHANCE 0.3 SEED 43"), 1000);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Decide_ChanceWithoutSeed_UsesTheDefaultSeed()
    {
        var time = new FakeTimeProvider();
        var withDefault = FailingNumbers(CreateInjector("CHANCE 0.3", time, defaultSeed: 42), 1000);
        var explicitSeed = FailingNumbers(CreateInjector("CHANCE 0.3 SEED 42", time, defaultSeed: 7), 1000);

        Assert.Equal(explicitSeed, withDefault);
        Assert.Equal(42, CreateInjector("CHANCE 0.3", time, defaultSeed: 42).GetStatus().Seed);
    }

    [Fact]
    public void Decide_ChanceWithFixedSeed_FailsAboutPOfRequests()
    {
        // Deterministic for the seed: the count is the same on every run, so the tolerance cannot flake.
        const int draws = 100_000;
        int failed = FailingNumbers(CreateInjector("CHANCE 0.25 SEED 7"), draws).Count;

        Assert.InRange(failed, 24_500, 25_500);
    }

    [Fact]
    public void Decide_ChanceWithFixedSeed_GivesThePinnedSequence()
    {
        // Pins the generator: a change here would break "the same sequence on every run" across versions.
        Assert.Equal(PinnedChanceFailures, FailingNumbers(CreateInjector("CHANCE 0.5 SEED 42"), 20));
    }

    [Theory]
    [InlineData("CHANCE 0 SEED 1", 0)]
    [InlineData("CHANCE 1 SEED 1", 1000)]
    public void Decide_ChanceAtTheBounds_FailsNoneOrAll(string spec, int expectedFailures)
    {
        Assert.Equal(expectedFailures, FailingNumbers(CreateInjector(spec), 1000).Count);
    }

    [Fact]
    public void SetSpec_AnySpec_RestartsTheCountAtOne()
    {
        var injector = CreateInjector("EVERY 3RD OF 5");
        FailingNumbers(injector, 4);

        injector.SetSpec(FaultSpec.Parse("EVERY 3RD OF 5"));

        Assert.Equal(1, injector.Decide().RequestNumber);
        Assert.Equal(1, injector.GetStatus().RequestsUnderSpec);
        Assert.Equal([3L, 8], FailingNumbers(injector, 9));
    }

    [Fact]
    public void SetMode_DoesNotRestartTheCount()
    {
        var injector = CreateInjector("ON");
        FailingNumbers(injector, 4);

        injector.SetMode(FaultMode.Drop);
        var decision = injector.Decide();

        Assert.Equal(5, decision.RequestNumber);
        Assert.Equal(FaultModeKind.Drop, decision.Mode);
    }

    [Fact]
    public void Decide_DelayMode_ReportsModeAndDelay()
    {
        var injector = CreateInjector("ON");
        Assert.True(injector.TrySetMode("DELAY 250ms", out _));

        var decision = injector.Decide();

        Assert.True(decision.ShouldFail);
        Assert.Equal(FaultModeKind.Delay, decision.Mode);
        Assert.Equal(TimeSpan.FromMilliseconds(250), decision.Delay);
    }

    [Fact]
    public void Decide_ErrorRetryAfterMode_ReportsModeAndRetryAfter()
    {
        var injector = CreateInjector("ON");
        Assert.True(injector.TrySetMode("ERROR RETRY-AFTER 3s", out _));

        var decision = injector.Decide();

        Assert.True(decision.ShouldFail);
        Assert.Equal(FaultModeKind.ErrorRetryAfter, decision.Mode);
        Assert.Equal(TimeSpan.FromSeconds(3), decision.RetryAfter);
        Assert.Equal(TimeSpan.Zero, decision.Delay);
    }

    [Fact]
    public void ModeChanged_RaisedWithTheNewModeBySetModeAndAValidTrySetMode_NotByAnInvalidOne()
    {
        var injector = CreateInjector("ON");
        var seen = new List<(FaultMode Mode, FaultMode Current)>();
        injector.ModeChanged += (sender, mode) =>
        {
            Assert.Same(injector, sender);
            seen.Add((mode, injector.Mode));
        };

        injector.SetMode(FaultMode.Drop);
        Assert.True(injector.TrySetMode("error retry-after 3s", out _));
        Assert.False(injector.TrySetMode("ERROR RETRY-AFTER 0s", out _));

        var retryAfter = FaultMode.Parse("ERROR RETRY-AFTER 3s");
        Assert.Equal([(FaultMode.Drop, FaultMode.Drop), (retryAfter, retryAfter)], seen);
    }

    [Fact]
    public void TrySetSpec_Invalid_ChangesNeitherSpecNorCount()
    {
        var injector = CreateInjector("EVERY 3RD OF 5");
        FailingNumbers(injector, 4);

        Assert.False(injector.TrySetSpec("EVERY 6TH OF 5", out var error));

        Assert.Contains("must not be greater", error, StringComparison.Ordinal);
        Assert.Equal(FaultSpec.Parse("EVERY 3RD OF 5"), injector.Spec);
        Assert.Equal(5, injector.Decide().RequestNumber);
    }

    [Fact]
    public void TrySetMode_Invalid_ChangesNothing()
    {
        var injector = CreateInjector("ON");
        injector.SetMode(FaultMode.Hang);

        Assert.False(injector.TrySetMode("DELAY forever", out var error));

        Assert.NotNull(error);
        Assert.Equal(FaultMode.Hang, injector.Mode);
        Assert.Equal(FaultModeKind.Hang, injector.Decide().Mode);
    }

    [Theory]
    [InlineData("ERROR RETRY-AFTER")]
    [InlineData("ERROR RETRY-AFTER 0s")]
    [InlineData("ERROR RETRY-AFTER -1s")]
    [InlineData("ERROR RETRY-AFTER 3s now")]
    [InlineData("ERROR RETRY-AFTER 1441m")]
    public void TrySetMode_InvalidErrorRetryAfter_ChangesNothing(string text)
    {
        var injector = CreateInjector("ON");
        injector.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 5s"));

        Assert.False(injector.TrySetMode(text, out var error));

        Assert.StartsWith("ERROR RETRY-AFTER", error, StringComparison.Ordinal);
        Assert.Equal(FaultMode.Parse("ERROR RETRY-AFTER 5s"), injector.Mode);
        Assert.Equal(TimeSpan.FromSeconds(5), injector.Decide().RetryAfter);
    }

    [Fact]
    public void TrySetSpec_Valid_SetsItAndRestartsTheCount()
    {
        var injector = CreateInjector();
        FailingNumbers(injector, 3);

        Assert.True(injector.TrySetSpec("next 2", out var error));

        Assert.Null(error);
        Assert.Equal(FaultSpec.Parse("NEXT 2"), injector.Spec);
        Assert.Equal([1L, 2], FailingNumbers(injector, 5));
    }

    [Fact]
    public void GetStatus_CountsAllDataRequestsAndFailuresAcrossSpecs()
    {
        var injector = CreateInjector("EVERY 2ND OF 2");
        FailingNumbers(injector, 10);
        injector.SetSpec(FaultSpec.On);
        FailingNumbers(injector, 3);

        var status = injector.GetStatus();

        Assert.Equal(13, status.DataRequests);
        Assert.Equal(8, status.Failed);
        Assert.Equal(3, status.RequestsUnderSpec);
        Assert.Equal(
            "spec ON (3 data requests under this spec), mode ERROR, data requests 13, failed 8",
            status.ToString());
    }

    [Fact]
    public void GetStatus_ToString_ShowsDefaultSeedAndFinishedSpecs()
    {
        var time = new FakeTimeProvider();
        Assert.Contains("CHANCE 0.5 (default SEED 99)", CreateInjector("CHANCE 0.5", time, 99).GetStatus().ToString(), StringComparison.Ordinal);

        var injector = CreateInjector("NEXT 1", time);
        injector.Decide();
        Assert.Contains("NEXT 1 (finished: now OFF)", injector.GetStatus().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ManyThreads_HandsOutEachNumberExactlyOnce()
    {
        const int threads = 8;
        const int perThread = 20_000;
        var injector = CreateInjector("EVERY 3RD OF 5");
        var numbers = new long[threads][];
        var failures = new int[threads];
        var misplacedFailures = new int[threads];
        using var start = new ManualResetEventSlim();

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            start.Wait();
            var mine = new long[perThread];
            for (int i = 0; i < perThread; i++)
            {
                var decision = injector.Decide();
                mine[i] = decision.RequestNumber;
                if (decision.ShouldFail)
                {
                    failures[t]++;
                    if (decision.RequestNumber % 5 != 3)
                    {
                        misplacedFailures[t]++;
                    }
                }
            }

            numbers[t] = mine;
        })).ToList();
        workers.ForEach(w => w.Start());
        start.Set();
        workers.ForEach(w => Assert.True(w.Join(TimeSpan.FromSeconds(30))));

        var all = numbers.SelectMany(n => n).Order().ToArray();
        Assert.Equal(Enumerable.Range(1, threads * perThread).Select(n => (long)n), all);
        Assert.Equal(threads * perThread / 5, failures.Sum());
        Assert.Equal(0, misplacedFailures.Sum());
        Assert.Equal(threads * perThread, injector.GetStatus().DataRequests);
        Assert.Equal(threads * perThread / 5, injector.GetStatus().Failed);
    }

    [Fact]
    public void Decide_ChanceOnManyThreads_FailsTheSameNumbersAsOnOneThread()
    {
        const int threads = 4;
        const int perThread = 5_000;
        var expected = FailingNumbers(CreateInjector("CHANCE 0.2 SEED 5"), threads * perThread);
        var injector = CreateInjector("CHANCE 0.2 SEED 5");
        var failing = new System.Collections.Concurrent.ConcurrentBag<long>();

        var workers = Enumerable.Range(0, threads).Select(_ => new Thread(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                var decision = injector.Decide();
                if (decision.ShouldFail)
                {
                    failing.Add(decision.RequestNumber);
                }
            }
        })).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => Assert.True(w.Join(TimeSpan.FromSeconds(30))));

        Assert.Equal(expected, failing.Order().ToList());
    }

    [Fact]
    public void Decide_SteadyState_AllocatesNothing()
    {
        var injector = CreateInjector("CHANCE 0.5 SEED 1");
        for (int i = 0; i < 100; i++)
        {
            injector.Decide();
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            injector.Decide();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Constructor_NullTimeProvider_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => new FaultInjector(null!, 1));
    }

    private static FaultInjector CreateInjector(string spec = "OFF", TimeProvider? time = null, long defaultSeed = DefaultSeed)
    {
        var injector = new FaultInjector(time ?? new FakeTimeProvider(), defaultSeed);
        injector.SetSpec(FaultSpec.Parse(spec));
        return injector;
    }

    private static List<long> FailingNumbers(FaultInjector injector, int requests) =>
        Enumerable.Range(0, requests)
            .Select(_ => injector.Decide())
            .Where(d => d.ShouldFail)
            .Select(d => d.RequestNumber)
            .ToList();
}
