using System.Threading.Channels;

namespace CircuitBreaker.Http.Tests;

/// <summary>Collects a breaker's StateChanged (or ShadowStateChanged) events, in order. The handler writes at once,
/// so what a call's transition raised before the call returned can be read with <see cref="TryNext"/>.</summary>
internal sealed class EventRecorder
{
    private readonly Channel<CircuitStateChangedEventArgs> _events = Channel.CreateUnbounded<CircuitStateChangedEventArgs>();

    public EventRecorder(Breaker breaker, bool shadows = false)
    {
        if (shadows)
        {
            breaker.ShadowStateChanged += (_, e) => _events.Writer.TryWrite(e);
        }
        else
        {
            breaker.StateChanged += (_, e) => _events.Writer.TryWrite(e);
        }
    }

    public async Task<CircuitStateChangedEventArgs> NextAsync() =>
        await _events.Reader.ReadAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);

    public bool TryNext(out CircuitStateChangedEventArgs? change) => _events.Reader.TryRead(out change);

    /// <summary>Every event raised so far and not yet read.</summary>
    public List<CircuitTransition> Drain()
    {
        var seen = new List<CircuitTransition>();
        while (_events.Reader.TryRead(out var change))
        {
            seen.Add(change.Transition);
        }

        return seen;
    }
}
