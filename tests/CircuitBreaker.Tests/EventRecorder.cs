using System.Threading.Channels;

namespace CircuitBreaker.Tests;

/// <summary>Collects a breaker's StateChanged events so a test can await them in order.</summary>
internal sealed class EventRecorder
{
    private readonly Channel<CircuitStateChangedEventArgs> _events = Channel.CreateUnbounded<CircuitStateChangedEventArgs>();

    public EventRecorder(Breaker breaker) => breaker.StateChanged += (_, e) => _events.Writer.TryWrite(e);

    public async Task<CircuitStateChangedEventArgs> NextAsync() =>
        await _events.Reader.ReadAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);

    public bool TryNext(out CircuitStateChangedEventArgs? change) => _events.Reader.TryRead(out change);
}
