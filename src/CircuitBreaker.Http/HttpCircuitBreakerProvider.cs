using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using CircuitBreaker.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CircuitBreaker.Http;

/// <summary>The breakers of one client: a single one (<see cref="HttpCircuitBreakerScope.Client"/>), or one per
/// authority — scheme, host and port — created on first use and capped at <see cref="MaxBreakers"/>, the least
/// recently used evicted and disposed (<see cref="HttpCircuitBreakerScope.Authority"/>). It owns its breakers and
/// disposes them with itself. In a container it is a keyed singleton: resolve it by the client's name for manual
/// control (<see cref="Breaker.IsolateAsync"/>, <see cref="Breaker.ResetAsync"/>) and to read each breaker's state.</summary>
public sealed class HttpCircuitBreakerProvider : IDisposable, IAsyncDisposable
{
    // One small lock guards the authority map and its recency list: a lookup and a move to the front are a few pointer
    // writes, far cheaper than the request they precede. The breakers themselves stay lock-free.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Breaker>> _byAuthority = new(StringComparer.Ordinal);
    private readonly LinkedList<Breaker> _recency = new();
    private readonly BreakerOptions _template;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Breaker? _single;
    private bool _disposed;

    /// <summary>Creates the provider; with <see cref="HttpCircuitBreakerScope.Client"/> its one breaker is created now.</summary>
    /// <param name="name">The provider's name: the client breaker's name, or the prefix of each authority breaker's name.</param>
    /// <param name="options">The scope, the cap and the breakers' options (read now; later changes have no effect).</param>
    /// <param name="timeProvider">The breakers' source of time; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The name is empty, <see cref="HttpCircuitBreakerOptions.MaxBreakers"/> is
    /// below 1, or the breaker options are invalid.</exception>
    public HttpCircuitBreakerProvider(string name, HttpCircuitBreakerOptions options, TimeProvider? timeProvider = null)
        : this(name, options, timeProvider, null, null)
    {
    }

    internal HttpCircuitBreakerProvider(string name, HttpCircuitBreakerOptions options, TimeProvider? timeProvider, System.Diagnostics.Metrics.IMeterFactory? meterFactory, ILogger? logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBreakers, 1, nameof(options));
        Name = name;
        Scope = options.Scope;
        MaxBreakers = options.Scope == HttpCircuitBreakerScope.Client ? 1 : options.MaxBreakers;
        _template = options.Breaker;
        _template.MeterFactory ??= meterFactory;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        if (Scope == HttpCircuitBreakerScope.Client)
        {
            _single = Create(name);
        }
        else
        {
            // Checked now, so that a bad configuration fails when the client is built, not on its first request.
            var configured = _template.Name;
            _template.Name = name;
            try
            {
                _template.Validate();
            }
            finally
            {
                _template.Name = configured;
            }
        }
    }

    /// <summary>The provider's name (see <see cref="HttpCircuitBreakerOptions.Name"/>).</summary>
    public string Name { get; }

    /// <summary>Whether there is one breaker or one per authority.</summary>
    public HttpCircuitBreakerScope Scope { get; }

    /// <summary>The most breakers kept at once (1 in <see cref="HttpCircuitBreakerScope.Client"/> scope).</summary>
    public int MaxBreakers { get; }

    /// <summary>How many breakers there are now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _single is null ? _byAuthority.Count : 1;
            }
        }
    }

    /// <summary>The breakers there are now, most recently used first. Each breaker's <see cref="Breaker.Name"/> names
    /// its authority (<c>api/https://example.org:443</c>).</summary>
    /// <returns>A copy; the provider may evict some of them later.</returns>
    public IReadOnlyList<Breaker> GetBreakers()
    {
        lock (_gate)
        {
            return _single is { } single ? [single] : [.. _recency];
        }
    }

    /// <summary>The authority a request belongs to: <c>scheme://host:port</c>, lower-case, the port always written.</summary>
    /// <param name="requestUri">An absolute request URI.</param>
    /// <returns>The authority.</returns>
    /// <exception cref="ArgumentException"><paramref name="requestUri"/> is not absolute.</exception>
    public static string AuthorityOf(Uri requestUri)
    {
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!requestUri.IsAbsoluteUri)
        {
            throw new ArgumentException($"A breaker per authority needs an absolute request URI; '{requestUri}' is relative.", nameof(requestUri));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{requestUri.Scheme}://{requestUri.Host}:{requestUri.Port}").ToLowerInvariant();
    }

    /// <summary>The breaker for a request to <paramref name="requestUri"/>, created on first use (which may evict the
    /// least recently used one).</summary>
    /// <param name="requestUri">The request's absolute URI; ignored in <see cref="HttpCircuitBreakerScope.Client"/> scope.</param>
    /// <returns>The breaker.</returns>
    /// <exception cref="ObjectDisposedException">The provider has been disposed.</exception>
    public Breaker GetBreaker(Uri? requestUri)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_single is { } single)
        {
            return single;
        }

        var authority = AuthorityOf(requestUri ?? throw new ArgumentNullException(nameof(requestUri)));
        Breaker? evicted = null;
        Breaker breaker;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_byAuthority.TryGetValue(authority, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                return node.Value;
            }

            breaker = Create(Name + "/" + authority);
            _byAuthority.Add(authority, _recency.AddFirst(breaker));
            if (_byAuthority.Count > MaxBreakers)
            {
                var last = _recency.Last!;
                _recency.RemoveLast();
                _byAuthority.Remove(AuthorityFromName(last.Value.Name));
                evicted = last.Value;
            }
        }

        if (evicted is not null)
        {
            HttpBreakerLog.Evicted(_logger, evicted.Name, MaxBreakers);

            // Dispose does not wait: calls already running through the evicted breaker finish with their own result
            // (their outcomes dropped), and a request that picked it just before gets a fresh one (see the handler).
            evicted.Dispose();
        }

        return breaker;
    }

    /// <summary>The breaker for <paramref name="requestUri"/> if it exists now; never creates one.</summary>
    /// <param name="requestUri">The request's absolute URI; ignored in <see cref="HttpCircuitBreakerScope.Client"/> scope.</param>
    /// <param name="breaker">The breaker, when found.</param>
    /// <returns><see langword="true"/> when there is one.</returns>
    public bool TryGetBreaker(Uri? requestUri, [NotNullWhen(true)] out Breaker? breaker)
    {
        if (_single is { } single)
        {
            breaker = single;
            return true;
        }

        var authority = AuthorityOf(requestUri ?? throw new ArgumentNullException(nameof(requestUri)));
        lock (_gate)
        {
            breaker = _byAuthority.TryGetValue(authority, out var node) ? node.Value : null;
            return breaker is not null;
        }
    }

    /// <summary>Disposes every breaker without waiting (see <see cref="Breaker.Dispose"/>); later requests get an
    /// <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        foreach (var breaker in TakeAll())
        {
            breaker.Dispose();
        }
    }

    /// <summary>Disposes every breaker and waits until each has stopped.</summary>
    /// <returns>A task that completes when every breaker has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (var breaker in TakeAll())
        {
            await breaker.DisposeAsync().ConfigureAwait(false);
        }
    }

    internal bool IsDisposed => Volatile.Read(ref _disposed);

    private string AuthorityFromName(string breakerName) => breakerName[(Name.Length + 1)..];

    private List<Breaker> TakeAll()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return [];
            }

            _disposed = true;
            List<Breaker> all = _single is { } single ? [single] : [.. _recency];
            _recency.Clear();
            _byAuthority.Clear();
            return all;
        }
    }

    /// <summary>Creates one breaker. The breaker copies its options, so the shared template's name can be set for each
    /// breaker; callers hold the lock (or are the constructor), so no two creations see each other's name.</summary>
    private Breaker Create(string breakerName)
    {
        _template.Name = breakerName;
        var breaker = new Breaker(_template, _timeProvider);
        breaker.StateChanged += (_, e) => BreakerTransitionLog.Transition(_logger, breakerName, e.Transition);
        return breaker;
    }
}
