using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Faults.Tests;

/// <summary>What the injector reports about itself: <see cref="FaultInjector.Observe"/>, <see cref="FaultInjector.Changed"/> and the decision's spec, mode and total.</summary>
public class FaultInjectorChangesTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Observe_CurrentStateFirst_ThenEverySetInOrderWithItsSourceAndTime()
    {
        var (injector, time) = CreateInjector("EVERY 3RD OF 5");
        injector.SetMode(FaultMode.Drop);
        var seen = Watch(injector);

        time.Advance(TimeSpan.FromSeconds(1));
        injector.SetSpec(FaultSpec.On, "console");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(injector.TrySetMode("error retry-after 3s", "console", out _));
        Assert.False(injector.TrySetSpec("EVERY 6TH OF 5", "console", out _));

        Assert.Equal(
            [
                new FaultChange(FaultChangeKind.Current, FaultSpec.Parse("EVERY 3RD OF 5"), FaultMode.Drop, 7, Start, null),
                new FaultChange(FaultChangeKind.SpecSet, FaultSpec.On, FaultMode.Drop, 7, Start.AddSeconds(1), "console"),
                new FaultChange(FaultChangeKind.ModeSet, FaultSpec.On, FaultMode.Parse("ERROR RETRY-AFTER 3s"), 7, Start.AddSeconds(2), "console"),
            ],
            seen);
    }

    [Fact]
    public void Decide_NextSpec_EndReportedOnceWithItsLastFailingRequest_LaterRequestsDecidedUnderOff()
    {
        var (injector, time) = CreateInjector("NEXT 2");
        var seen = Watch(injector);

        FaultDecision first = injector.Decide();
        Assert.Single(seen);
        time.Advance(TimeSpan.FromMilliseconds(5));
        FaultDecision second = injector.Decide();
        FaultDecision third = injector.Decide();

        FaultChange ended = Assert.Single(seen, change => change.Kind == FaultChangeKind.SpecEnded);
        Assert.Equal(FaultSpec.Off, ended.Spec);
        Assert.Equal(FaultSpec.Parse("NEXT 2"), ended.EndedSpec);
        Assert.Equal(Start.AddMilliseconds(5), ended.Time);
        Assert.Null(ended.Source);
        Assert.Equal(FaultSpec.Parse("NEXT 2"), first.SpecInForce);
        Assert.Equal(FaultSpec.Parse("NEXT 2"), second.SpecInForce);
        Assert.True(second.ShouldFail);
        Assert.False(third.ShouldFail);
        Assert.Same(FaultSpec.Off, third.SpecInForce);
        Assert.Equal(3, third.RequestNumber);
    }

    [Fact]
    public void ForSpec_NoRequests_EndReportedByItselfAtTheExactInstantItsDurationPassed()
    {
        var (injector, time) = CreateInjector();
        var seen = Watch(injector);
        time.Advance(TimeSpan.FromSeconds(3));
        injector.SetSpec(FaultSpec.Parse("FOR 10s"), "console");

        time.Advance(TimeSpan.FromMilliseconds(9_999));
        Assert.DoesNotContain(seen, change => change.Kind == FaultChangeKind.SpecEnded);
        time.Advance(TimeSpan.FromSeconds(5));

        FaultChange ended = Assert.Single(seen, change => change.Kind == FaultChangeKind.SpecEnded);
        Assert.Equal(Start.AddSeconds(13), ended.Time);
        Assert.Equal(FaultSpec.Parse("FOR 10s"), ended.EndedSpec);
        Assert.Same(FaultSpec.Off, injector.Decide().SpecInForce);
        Assert.Single(seen, change => change.Kind == FaultChangeKind.SpecEnded);
    }

    [Fact]
    public void ForSpec_ReplacedBeforeItEnds_NoEndReported()
    {
        var (injector, time) = CreateInjector("FOR 10s");
        var seen = Watch(injector);

        time.Advance(TimeSpan.FromSeconds(5));
        injector.SetSpec(FaultSpec.On, "console");
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([FaultChangeKind.Current, FaultChangeKind.SpecSet], seen.Select(change => change.Kind));
    }

    [Fact]
    public void Observe_SpecEndedBeforeWatching_CurrentThenItsEnd()
    {
        var (injector, time) = CreateInjector("NEXT 1");
        injector.Decide();
        time.Advance(TimeSpan.FromSeconds(1));

        var seen = Watch(injector);

        Assert.Equal([FaultChangeKind.Current, FaultChangeKind.SpecEnded], seen.Select(change => change.Kind));
        Assert.Equal(FaultSpec.Parse("NEXT 1"), seen[0].Spec);
        Assert.Equal(Start, seen[1].Time);
    }

    [Fact]
    public void SetMode_AfterNextEnded_ReportsOffAsTheSpecInForce()
    {
        var (injector, _) = CreateInjector("NEXT 1");
        var seen = Watch(injector);
        injector.Decide();

        injector.SetMode(FaultMode.Hang, "console");

        Assert.Equal(FaultSpec.Off, seen[^1].Spec);
        Assert.Equal(FaultMode.Hang, seen[^1].Mode);
    }

    [Fact]
    public void Decide_CarriesTheSpecAndModeThatDecidedIt_AndTheTotalAcrossSpecs()
    {
        var (injector, _) = CreateInjector("ON");
        injector.SetMode(FaultMode.Parse("DELAY 250ms"));
        injector.Decide();

        injector.SetSpec(FaultSpec.Parse("EVERY 2ND OF 2"));
        FaultDecision decision = injector.Decide();

        Assert.Equal(FaultSpec.Parse("EVERY 2ND OF 2"), decision.SpecInForce);
        Assert.Equal(FaultMode.Parse("DELAY 250ms"), decision.ModeInForce);
        Assert.Equal(1, decision.RequestNumber);
        Assert.Equal(2, decision.Total);
    }

    [Fact]
    public void Changed_Unsubscribed_HearsNothingMore()
    {
        var (injector, _) = CreateInjector();
        var seen = new List<FaultChange>();
        void Handler(object? sender, FaultChange change) => seen.Add(change);
        injector.Changed += Handler;
        injector.SetSpec(FaultSpec.On);

        injector.Changed -= Handler;
        injector.SetSpec(FaultSpec.Off);

        Assert.Equal(FaultChangeKind.SpecSet, Assert.Single(seen).Kind);
    }

    [Fact]
    public void Decide_WithAnObserver_SteadyStateAllocatesNothing()
    {
        var (injector, _) = CreateInjector("CHANCE 0.5 SEED 1");
        Watch(injector);
        injector.Decide();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            injector.Decide();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (FaultInjector Injector, FakeTimeProvider Time) CreateInjector(string spec = "OFF")
    {
        var time = new FakeTimeProvider(Start);
        var injector = new FaultInjector(time, defaultSeed: 7);
        injector.SetSpec(FaultSpec.Parse(spec));
        return (injector, time);
    }

    private static List<FaultChange> Watch(FaultInjector injector)
    {
        var seen = new List<FaultChange>();
        injector.Observe((sender, change) =>
        {
            Assert.Same(injector, sender);
            seen.Add(change);
        });
        return seen;
    }
}
