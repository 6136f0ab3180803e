using System.Collections.Concurrent;

namespace KeyValue.Server.Connections;

/// <summary>
/// The open connections: enforces the connection limit, counts them for STATUS, and on shutdown asks
/// each to finish, waits a bounded time, then aborts the rest.
/// </summary>
internal sealed class ConnectionRegistry
{
    private static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<long, ServerConnection> _open = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;
    private volatile bool _stopping;

    public int OpenCount => Volatile.Read(ref _count);

    /// <summary>Takes one of <paramref name="maxConnections"/> places; false when all are taken or the server is stopping.</summary>
    public bool TryReserve(int maxConnections)
    {
        while (true)
        {
            int current = Volatile.Read(ref _count);
            if (current >= maxConnections || _stopping)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _count, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    /// <summary>Registers a connection for a reserved place; a connection that arrives while stopping is asked to stop at once.</summary>
    public void Add(ServerConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _open[connection.Id] = connection;
        if (_stopping)
        {
            connection.RequestStop();
        }
    }

    /// <summary>Gives back the place of a connection that has closed (or of one that never started).</summary>
    public void Release(long connectionId)
    {
        _open.TryRemove(connectionId, out _);
        if (Interlocked.Decrement(ref _count) == 0 && _stopping)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>
    /// Asks every connection to close after its in-flight requests and waits until all have; when
    /// <paramref name="cancellationToken"/> fires first, aborts those left and gives them a moment to unwind (so that
    /// what they record, a delayed request's trace line say, happens before the server goes on stopping). Returns how
    /// many were aborted.
    /// </summary>
    public async Task<int> StopAllAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        foreach (ServerConnection connection in _open.Values)
        {
            connection.RequestStop();
        }

        if (OpenCount == 0)
        {
            return 0;
        }

        try
        {
            await _drained.Task.WaitAsync(cancellationToken);
            return 0;
        }
        catch (OperationCanceledException)
        {
            ServerConnection[] left = [.. _open.Values];
            foreach (ServerConnection connection in left)
            {
                connection.Abort();
            }

            try
            {
                // An aborted connection unwinds at once (its reads, writes and delays are cancelled); the bound, in real
                // time whatever clock the server runs on, is for one that does not.
                await _drained.Task.WaitAsync(AbortGrace, TimeProvider.System, CancellationToken.None);
            }
            catch (TimeoutException)
            {
            }

            return left.Length;
        }
    }
}
