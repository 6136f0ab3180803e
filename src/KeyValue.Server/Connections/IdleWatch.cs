namespace KeyValue.Server.Connections;

/// <summary>
/// The idle timeout of one connection. A connection is idle when, for the whole timeout, it waits for its client and
/// the client neither sends bytes nor accepts any: a write blocked on a client that stopped reading is waiting just as
/// a pending read is. Then the watch expires, once, and the connection is cut at once.
/// </summary>
/// <remarks>
/// The connection's loop only records what it does (a state and, when the client moved, a timestamp); one timer checks
/// lazily, re-arming itself for the rest of the timeout when it finds activity, so the request path never touches the
/// timer. The state changes are atomic exchanges, so the expiry and the loop agree on which came first: what the client
/// sends as the watch expires is not handled.
/// </remarks>
internal sealed class IdleWatch : IDisposable
{
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;
    private readonly IConnectionTransport _transport;
    private readonly Action _onExpired;
    private readonly ITimer _timer;
    private int _state;
    private long _lastActivity;

    /// <param name="timeout">How long a connection may wait for its client.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="transport">Whose write progress counts as activity.</param>
    /// <param name="onExpired">Cuts the connection; called once, on a timer thread.</param>
    public IdleWatch(TimeSpan timeout, TimeProvider timeProvider, IConnectionTransport transport, Action onExpired)
    {
        _timeout = timeout;
        _timeProvider = timeProvider;
        _transport = transport;
        _onExpired = onExpired;
        _lastActivity = timeProvider.GetTimestamp();
        _timer = timeProvider.CreateTimer(static state => ((IdleWatch)state!).Check(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>True once the timeout has closed the connection.</summary>
    public bool HasExpired => Volatile.Read(ref _state) == (int)IdleState.Expired;

    /// <summary>The connection is about to wait for requests. False when it has expired.</summary>
    public bool WaitToRead() => Enter(IdleState.WaitingToRead);

    /// <summary>The client sent bytes (or a wait ended). False when the watch expired first: then nothing that came is handled.</summary>
    public bool ClientSent()
    {
        Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());
        return Enter(IdleState.Working);
    }

    /// <summary>
    /// The connection is about to wait for the client to accept replies. The time is taken before the replies leave,
    /// so a client that has read them and then waits finds the watch counting from no later than that.
    /// </summary>
    public bool WaitToWrite()
    {
        Volatile.Write(ref _lastActivity, _timeProvider.GetTimestamp());
        return Enter(IdleState.WaitingToWrite);
    }

    /// <summary>The replies are out; the connection works again.</summary>
    public bool Written() => Enter(IdleState.Working);

    /// <summary>Hung by fault mode HANG: never idle from now on.</summary>
    public bool Hang() => Enter(IdleState.Hanging);

    public void Dispose() => _timer.Dispose();

    private bool Enter(IdleState state)
    {
        if (Interlocked.Exchange(ref _state, (int)state) == (int)IdleState.Expired)
        {
            // Expiry is final: put it back (only this connection's loop changes the state, so nothing races the write).
            Volatile.Write(ref _state, (int)IdleState.Expired);
            return false;
        }

        return true;
    }

    private void Check()
    {
        while (true)
        {
            int state = Volatile.Read(ref _state);
            if (state == (int)IdleState.Expired)
            {
                return;
            }

            TimeSpan next = _timeout;
            if (state is (int)IdleState.WaitingToRead or (int)IdleState.WaitingToWrite)
            {
                long since = Math.Max(Volatile.Read(ref _lastActivity), _transport.LastWriteProgress);
                TimeSpan idle = _timeProvider.GetElapsedTime(since);
                if (idle >= _timeout)
                {
                    if (Interlocked.CompareExchange(ref _state, (int)IdleState.Expired, state) != state)
                    {
                        // The loop moved on meanwhile: look again.
                        continue;
                    }

                    _onExpired();
                    return;
                }

                next = _timeout - idle;
            }

            try
            {
                _timer.Change(next, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // The connection has closed.
            }

            return;
        }
    }
}
