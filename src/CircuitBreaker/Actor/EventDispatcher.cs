using System.Threading.Channels;

namespace CircuitBreaker.Actor;

/// <summary>Raises transitions on a loop of its own, in order — never on a caller's stack nor on the actor's — and
/// then completes the reply of the message that caused them, so the caller learns of its call's outcome only after
/// every handler has seen the transition.</summary>
internal sealed class EventDispatcher
{
    private readonly Channel<(CircuitTransition[] Transitions, IActorReply? Reply)> _batches =
        Channel.CreateUnbounded<(CircuitTransition[], IActorReply?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Action<CircuitTransition> _raise;
    private int _pending;

    public EventDispatcher(Action<CircuitTransition> raise)
    {
        _raise = raise;
        Completion = RunAsync();
    }

    /// <summary>Completes when every batch posted before <see cref="Complete"/> has been raised.</summary>
    public Task Completion { get; }

    /// <summary>True while a batch is waiting to be raised: a reply completed directly now could overtake the events
    /// of an earlier message, so it must queue behind them.</summary>
    public bool HasPending => Volatile.Read(ref _pending) > 0;

    public void Post(CircuitTransition[] transitions, IActorReply? reply)
    {
        Interlocked.Increment(ref _pending);
        if (!_batches.Writer.TryWrite((transitions, reply)))
        {
            Interlocked.Decrement(ref _pending);
            reply?.Complete();
        }
    }

    public void Complete() => _batches.Writer.TryComplete();

    private async Task RunAsync()
    {
        await Task.Yield();
        var reader = _batches.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var batch))
            {
                // The raise callback isolates every handler, so nothing thrown here can stop the loop.
                foreach (var transition in batch.Transitions)
                {
                    _raise(transition);
                }

                Interlocked.Decrement(ref _pending);
                batch.Reply?.Complete();
            }
        }
    }
}
