using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace CircuitBreaker.Redis;

/// <summary>Shares the circuits of breakers with the same name across processes through one Redis connection: set it
/// as <see cref="BreakerOptions.SharedState"/> (or call <see cref="BreakerOptionsExtensions.UseSharedState"/>). Every
/// breaker that joins gets a member of its own; this object watches the connection for all of them. When Redis cannot
/// be reached (a lost connection, an operation slower than <see cref="RedisSharedStateOptions.OperationTimeout"/>, a
/// failed ping), every breaker goes on as a local breaker at once — a warning is logged and
/// <c>circuitbreaker.shared.detached</c> goes up — and when a ping succeeds again each one rejoins, adopting the
/// fleet's state.</summary>
public sealed class RedisSharedState : ISharedCircuitStore, IAsyncDisposable
{
    private readonly bool _ownsConnection;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<RedisCircuitMember> _members = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _heartbeat;
    private int _attached;
    private bool _everAttached;

    /// <summary>Shares circuits through <paramref name="redis"/>, which stays the caller's to dispose.</summary>
    /// <param name="redis">The connection. Configure it with <c>AbortOnConnectFail = false</c> so that it keeps
    /// reconnecting in the background.</param>
    /// <param name="options">Key prefix, batching and timeouts; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where the moves to local mode and back are logged; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public RedisSharedState(IConnectionMultiplexer redis, RedisSharedStateOptions? options = null, ILogger? logger = null)
        : this(redis, options, logger, ownsConnection: false)
    {
    }

    private RedisSharedState(IConnectionMultiplexer redis, RedisSharedStateOptions? options, ILogger? logger, bool ownsConnection)
    {
        ArgumentNullException.ThrowIfNull(redis);
        Options = options ?? new RedisSharedStateOptions();
        Options.Validate();
        Redis = redis;
        _ownsConnection = ownsConnection;
        _logger = logger ?? NullLogger.Instance;
        Redis.ConnectionFailed += OnConnectionFailed;
        Redis.ConnectionRestored += OnConnectionRestored;
        _heartbeat = HeartbeatAsync();
    }

    /// <summary>Raised when the breakers move to local mode (<see langword="false"/>) or back to the shared circuit
    /// (<see langword="true"/>). Raised on a background thread.</summary>
    public event EventHandler<bool>? AttachmentChanged;

    /// <summary>The connection in use.</summary>
    public IConnectionMultiplexer Redis { get; }

    /// <summary>True while Redis is reachable and the breakers share their circuits; false while they run as local
    /// breakers (also before the first successful ping).</summary>
    public bool IsAttached => Volatile.Read(ref _attached) != 0;

    internal RedisSharedStateOptions Options { get; }

    internal IDatabase Database => Redis.GetDatabase();

    /// <summary>Names this process's leases of trial slots.</summary>
    internal string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Connects to Redis and shares circuits through that connection, which this object then owns. The
    /// connection keeps reconnecting in the background, so this succeeds while Redis is down: the breakers then start
    /// as local breakers and join once it is up.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</param>
    /// <param name="options">Key prefix, batching and timeouts; the defaults when <see langword="null"/>.</param>
    /// <param name="logger">Where the moves to local mode and back are logged; none when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The shared state.</returns>
    public static async Task<RedisSharedState> ConnectAsync(
        string configuration, RedisSharedStateOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        var settings = ConfigurationOptions.Parse(configuration);
        settings.AbortOnConnectFail = false;
        settings.ConnectTimeout = 1000;
        settings.ReconnectRetryPolicy = new LinearRetry(250);
        var redis = await ConnectionMultiplexer.ConnectAsync(settings).WaitAsync(cancellationToken).ConfigureAwait(false);
        return new RedisSharedState(redis, options, logger, ownsConnection: true);
    }

    /// <summary>Connects to Redis as <see cref="ConnectAsync(string, RedisSharedStateOptions?, ILogger?, CancellationToken)"/>
    /// does, without a logger.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>.</param>
    /// <param name="options">Key prefix, batching and timeouts; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The shared state.</returns>
    public static Task<RedisSharedState> ConnectAsync(string configuration, RedisSharedStateOptions? options, CancellationToken cancellationToken) =>
        ConnectAsync(configuration, options, logger: null, cancellationToken);

    /// <summary>Completes once every breaker named <paramref name="breakerName"/> that joined has read the fleet's
    /// state (so a breaker created while the circuit is open is open). Never completes while Redis is unreachable:
    /// pass a token with a deadline.</summary>
    /// <param name="breakerName">The breakers' name.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when they have joined.</returns>
    /// <exception cref="InvalidOperationException">No breaker of that name has joined.</exception>
    public Task WhenJoinedAsync(string breakerName, CancellationToken cancellationToken = default)
    {
        Task[] joined;
        lock (_gate)
        {
            joined = [.. _members.Where(member => member.Name == breakerName).Select(member => member.Joined)];
        }

        return joined.Length == 0
            ? throw new InvalidOperationException($"No breaker named '{breakerName}' shares its circuit through this connection.")
            : Task.WhenAll(joined).WaitAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public ISharedCircuitMember Join(SharedCircuitLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var member = new RedisCircuitMember(this, link);
        lock (_gate)
        {
            _members.Add(member);
        }

        if (IsAttached)
        {
            member.PostAttach();
        }

        return member;
    }

    /// <summary>Stops watching the connection, and disposes it when this object opened it. Dispose the breakers first.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        Redis.ConnectionFailed -= OnConnectionFailed;
        Redis.ConnectionRestored -= OnConnectionRestored;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _heartbeat.ConfigureAwait(false);
        if (IsAttached is false && _everAttached)
        {
            SharedStateMetrics.Detached.Add(-1);
        }

        _stop.Dispose();
        _wake.Dispose();
        if (_ownsConnection)
        {
            await Redis.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Batches written to Redis by the members of breakers named <paramref name="breakerName"/>.</summary>
    internal long BatchesPublished(string breakerName)
    {
        lock (_gate)
        {
            return _members.Where(member => member.Name == breakerName).Sum(member => member.BatchesPublished);
        }
    }

    /// <summary>A member's Redis operation failed or timed out: everyone goes local until a ping succeeds.</summary>
    internal void ReportFailure(Exception exception)
    {
        Detach(exception.GetType().Name + ": " + exception.Message, exception);
        Wake();
    }

    internal void Leave(RedisCircuitMember member)
    {
        lock (_gate)
        {
            _members.Remove(member);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        Detach($"connection failed: {e.FailureType}", e.Exception);

    /// <summary>A restored connection may have missed published messages: every member reads the state again.</summary>
    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (IsAttached)
        {
            ForEachMember(static member => member.PostAttach());
        }

        Wake();
    }

    private void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task HeartbeatAsync()
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Redis.GetDatabase().PingAsync().WaitAsync(Options.OperationTimeout, _stop.Token).ConfigureAwait(false);
                Attach();
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever the ping's failure, the breakers go local; the next ping tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Detach("ping failed: " + exception.Message, exception);
            }

            try
            {
                await _wake.WaitAsync(Options.HeartbeatInterval, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Attach()
    {
        if (Interlocked.Exchange(ref _attached, 1) != 0)
        {
            return;
        }

        if (_everAttached)
        {
            SharedStateMetrics.Detached.Add(-1);
        }

        _everAttached = true;
        SharedStateLog.Attached(_logger);
        ForEachMember(static member => member.PostAttach());
        AttachmentChanged?.Invoke(this, true);
    }

    private void Detach(string reason, Exception? exception)
    {
        if (Interlocked.Exchange(ref _attached, 0) != 1)
        {
            return;
        }

        SharedStateMetrics.Detached.Add(1);
        SharedStateLog.Detached(_logger, reason, exception);
        ForEachMember(static member => member.PostDetach());
        AttachmentChanged?.Invoke(this, false);
    }

    private void ForEachMember(Action<RedisCircuitMember> action)
    {
        RedisCircuitMember[] members;
        lock (_gate)
        {
            members = [.. _members];
        }

        foreach (var member in members)
        {
            action(member);
        }
    }
}
