using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CircuitBreaker.Tests.Telemetry;

/// <summary>One static meter for the library, or the meters of an <see cref="IMeterFactory"/> when given.</summary>
public sealed class BreakerInstrumentsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Meter_WithoutFactory_IsOneMeterSharedByEveryBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        await using var first = BreakerTestKit.NewBreaker(clock, o => o.Name = "first");
        await using var second = BreakerTestKit.NewBreaker(clock, o => o.Name = "second");

        Assert.Same(first.Meter, second.Meter);
        Assert.Equal("CircuitBreaker", first.Meter.Name);
        Assert.Null(first.Meter.Scope);
    }

    [Fact]
    public async Task Meter_WithFactory_IsTheFactorysMeter()
    {
        var services = new ServiceCollection();
        services.AddMetrics();
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IMeterFactory>();
        var clock = BreakerTestKit.NewClock();
        await using var shared = BreakerTestKit.NewBreaker(clock);
        await using var first = BreakerTestKit.NewBreaker(clock, o => o.MeterFactory = factory);
        await using var second = BreakerTestKit.NewBreaker(clock, o => o.MeterFactory = factory);

        Assert.NotSame(shared.Meter, first.Meter);
        Assert.Same(factory, first.Meter.Scope);
        Assert.Equal("CircuitBreaker", first.Meter.Name);
        Assert.Same(first.Meter, second.Meter);
    }

    [Fact]
    public async Task Meter_WithFactory_MeasurementsGoToTheFactorysMeter()
    {
        using var factory = new RecordingMeterFactory();
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Name = BreakerTestKit.UniqueName("factory");
            o.MeterFactory = factory;
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
        });
        using var metrics = new MetricsRecorder(breaker);

        await breaker.FailAsync();

        Assert.Same(Assert.Single(factory.Created), breaker.Meter);
        Assert.Equal(1, metrics.Total("circuitbreaker.transitions", "from=closed", "to=open"));
        Assert.Equal(1, metrics.Total("circuitbreaker.calls", "outcome=failure"));
    }

    [Fact]
    public async Task CreateAndDispose_ManyCyclesWithAListenerAttached_PublishNoInstrumentsAndStayFast()
    {
        const int cycles = 10_000;
        Meter shared;
        await using (var probe = new Breaker(new BreakerOptions()))
        {
            shared = probe.Meter;
        }

        var published = 0;
        var measurements = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, shared))
            {
                Interlocked.Increment(ref published);
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref measurements));
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref measurements));
        listener.Start();
        var publishedBefore = Volatile.Read(ref published);
        var name = BreakerTestKit.UniqueName("cycle");

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cycles; i++)
        {
            await using var breaker = new Breaker(new BreakerOptions { Name = name });
        }

        watch.Stop();
        output.WriteLine($"{cycles} create/dispose cycles with a listener attached: {watch.Elapsed.TotalMilliseconds:0} ms");
        Assert.Equal(4, publishedBefore);
        Assert.Equal(publishedBefore, Volatile.Read(ref published));
        Assert.True(Interlocked.Read(ref measurements) >= cycles, "each breaker records its initial state on the shared gauge");

        // Before the shared meter, 10,000 cycles took 23 s with a listener attached (0.4 s without).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{cycles} cycles took {watch.Elapsed}");
    }

    /// <summary>A factory that hands out a new meter per call and remembers them.</summary>
    private sealed class RecordingMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _created = [];

        public IReadOnlyList<Meter> Created => _created;

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _created.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _created)
            {
                meter.Dispose();
            }
        }
    }
}
