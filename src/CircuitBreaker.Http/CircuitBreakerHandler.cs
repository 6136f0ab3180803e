using System.Globalization;
using System.Net;

namespace CircuitBreaker.Http;

/// <summary>Puts every request of an <see cref="HttpClient"/> through a <see cref="Breaker"/> — one given, or the one
/// an <see cref="HttpCircuitBreakerProvider"/> picks for the request's authority — with only the breaker's public API.
/// <para>By default 5xx, 408 and 429 responses, <see cref="HttpRequestException"/> (refused, reset, DNS) and timeouts
/// (<see cref="RequestTimeout"/>, <see cref="HttpClient.Timeout"/>, a connect timeout below) count as failures; other
/// responses, other 4xx included, as successes; the caller's own cancellation counts for nothing. A 503 or 429 with a
/// <c>Retry-After</c> header (seconds or an HTTP date) that opens the circuit keeps it open exactly that long (capped at
/// <see cref="BreakerOptions.MaxBreakDuration"/>). A rejected request throws <see cref="CircuitOpenException"/> without
/// reaching the network. Every response the inner handler returns is returned to the caller, also when it counted as a
/// failure; one that cannot be returned is disposed.</para></summary>
/// <remarks><para><see cref="HttpClient.Timeout"/> and the caller's cancellation cancel the same token, so the handler
/// tells them apart by the clock: a cancellation at or after the client's timeout, measured from the instant the
/// request entered the client's pipeline, is the timeout (a failure); an earlier one is the caller's (ignored). The
/// client's timeout is read from the factory's client by <c>AddCircuitBreaker</c>, or given as
/// <see cref="ClientTimeout"/>. A cancellation from an outer handler (a retry's attempt timeout) counts as the caller's;
/// use <see cref="RequestTimeout"/> for a timeout per attempt that counts.</para>
/// <para>The synchronous <see cref="HttpClient.Send(HttpRequestMessage)"/> goes through the breaker too: admission
/// and a success while closed complete without waiting; a failure's report and a half-open admission wait for the
/// breaker's actor, which runs on the thread pool and never needs the calling thread.</para></remarks>
public sealed class CircuitBreakerHandler : DelegatingHandler
{
    // A request that picked a per-authority breaker just as the provider evicted it asks the provider again.
    private const int AdmissionAttempts = 3;

    // HttpClient's timer may fire a few milliseconds before the system clock says the timeout has elapsed (timers
    // run on a coarser clock); a cancellation this close to the timeout is taken as the timeout.
    private static readonly TimeSpan TimeoutSlack = TimeSpan.FromMilliseconds(30);

    private readonly Breaker? _breaker;
    private readonly HttpCircuitBreakerProvider? _provider;

    /// <summary>Creates the handler; the inner handler is set by the <c>IHttpClientBuilder</c> pipeline or by
    /// <see cref="DelegatingHandler.InnerHandler"/>.</summary>
    /// <param name="breaker">The breaker every request goes through. Not disposed by the handler.</param>
    public CircuitBreakerHandler(Breaker breaker)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        _breaker = breaker;
    }

    /// <summary>Creates the handler around <paramref name="innerHandler"/>.</summary>
    /// <param name="breaker">The breaker every request goes through. Not disposed by the handler.</param>
    /// <param name="innerHandler">The handler that sends the request.</param>
    public CircuitBreakerHandler(Breaker breaker, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(breaker);
        _breaker = breaker;
    }

    /// <summary>Creates the handler over the breakers of <paramref name="provider"/>.</summary>
    /// <param name="provider">Picks each request's breaker. Not disposed by the handler.</param>
    public CircuitBreakerHandler(HttpCircuitBreakerProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    /// <summary>Creates the handler over the breakers of <paramref name="provider"/>, around <paramref name="innerHandler"/>.</summary>
    /// <param name="provider">Picks each request's breaker. Not disposed by the handler.</param>
    /// <param name="innerHandler">The handler that sends the request.</param>
    public CircuitBreakerHandler(HttpCircuitBreakerProvider provider, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    /// <summary>How long one request may take below this handler before it is abandoned and counted as a failure (a
    /// <see cref="TaskCanceledException"/> with an inner <see cref="TimeoutException"/> is thrown, as
    /// <see cref="HttpClient"/> does). Measured with the breaker's <see cref="TimeProvider"/>.</summary>
    /// <value>Default <see langword="null"/>: no timeout of its own.</value>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>The <see cref="HttpClient.Timeout"/> of the client this handler serves, so that its expiry counts as a
    /// failure and is told apart from the caller's cancellation. Set for you by <c>AddCircuitBreaker</c>.</summary>
    /// <value>Default <see langword="null"/>: every cancellation of the request's token is taken as the caller's.</value>
    public TimeSpan? ClientTimeout { get; init; }

    /// <summary>How a response counts.</summary>
    /// <value>Default <see langword="null"/>: <see cref="DefaultClassifyResponse"/> with the breaker's clock.</value>
    public Func<HttpResponseMessage, CallVerdict>? ClassifyResponse { get; init; }

    /// <summary>Reads the client's current timeout; set by the factory integration, which learns it per client.</summary>
    internal Func<TimeSpan?>? ClientTimeoutSource { get; init; }

    /// <summary>The default classification: 5xx, 408 (request timeout) and 429 are failures, carrying the response's
    /// <c>Retry-After</c> (a delay, or an HTTP date measured from <paramref name="now"/>) for 503 and 429; anything else
    /// is a success.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for a Retry-After given as a date.</param>
    /// <returns>The verdict.</returns>
    public static CallVerdict DefaultClassifyResponse(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = response.StatusCode;
        if ((int)status < 500 && status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout))
        {
            return CallVerdict.Success;
        }

        if (status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests && response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : null);
            if (wait is { } delay)
            {
                return CallVerdict.FailureWithRetryAfter(delay > TimeSpan.Zero ? delay : TimeSpan.Zero);
            }
        }

        return CallVerdict.Failure;
    }

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = RequestStart.Of(request);
        var (breaker, permit) = await AdmitAsync(request, cancellationToken).ConfigureAwait(false);
        using var timeout = StartTimeout(breaker);
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            var (thrown, callerCanceled) = Judge(exception, timeout, start, cancellationToken);
            await ReportAsync(callerCanceled ? permit.ReportIgnoredAsync() : permit.ReportFailureAsync(thrown)).ConfigureAwait(false);
            if (ReferenceEquals(thrown, exception))
            {
                throw;
            }

            throw thrown;
        }

        try
        {
            await ReportAsync(permit.ReportAsync(Classify(response, breaker))).ConfigureAwait(false);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    /// <inheritdoc/>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = RequestStart.Of(request);
        var (breaker, permit) = Admit(request, cancellationToken);
        using var timeout = StartTimeout(breaker);
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = base.Send(request, linked?.Token ?? cancellationToken);
        }
        catch (Exception exception)
        {
            var (thrown, callerCanceled) = Judge(exception, timeout, start, cancellationToken);
            Report(callerCanceled ? permit.ReportIgnoredAsync() : permit.ReportFailureAsync(thrown));
            if (ReferenceEquals(thrown, exception))
            {
                throw;
            }

            throw thrown;
        }

        try
        {
            Report(permit.ReportAsync(Classify(response, breaker)));
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }

    private static async ValueTask ReportAsync(ValueTask<CircuitEffect> reporting)
    {
        try
        {
            await reporting.ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The breaker was disposed (or evicted) while the request ran: its outcome is dropped, as the breaker
            // drops the outcome of every call still running when it stops; the caller still gets what the call produced.
        }
    }

    private static void Report(ValueTask<CircuitEffect> reporting)
    {
        try
        {
            ActorWait.Result(reporting);
        }
        catch (ObjectDisposedException)
        {
            // As in ReportAsync: the outcome of a call through a disposed breaker is dropped.
        }
    }

    private static BreakerPermit Granted(Breaker breaker, BreakerPermit permit) =>
        permit.IsGranted ? permit : throw new CircuitOpenException(breaker.Name, permit.State, permit.RetryAfter);

    private async ValueTask<(Breaker Breaker, BreakerPermit Permit)> AdmitAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var breaker = BreakerFor(request);
            try
            {
                return (breaker, Granted(breaker, await breaker.AcquireAsync(cancellationToken).ConfigureAwait(false)));
            }
            catch (ObjectDisposedException) when (MayAskAgain(attempt))
            {
            }
        }
    }

    private (Breaker Breaker, BreakerPermit Permit) Admit(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var breaker = BreakerFor(request);
            try
            {
                return (breaker, Granted(breaker, ActorWait.Result(breaker.AcquireAsync(cancellationToken))));
            }
            catch (ObjectDisposedException) when (MayAskAgain(attempt))
            {
            }
        }
    }

    /// <summary>A disposed breaker from a live provider was evicted between the lookup and the admission: the provider
    /// has a fresh one for the authority.</summary>
    private bool MayAskAgain(int attempt) => _provider is { IsDisposed: false } && attempt < AdmissionAttempts;

    private Breaker BreakerFor(HttpRequestMessage request) => _breaker ?? _provider!.GetBreaker(request.RequestUri);

    private CancellationTokenSource? StartTimeout(Breaker breaker) =>
        RequestTimeout is { } limit ? new CancellationTokenSource(limit, breaker.TimeProvider) : null;

    /// <summary>What to throw and whether the caller cancelled: the handler's own timeout becomes a
    /// <see cref="TaskCanceledException"/> with an inner <see cref="TimeoutException"/>; a cancellation of the
    /// request's token is the caller's unless the client's timeout has elapsed; anything else is rethrown as it was
    /// and classified by <see cref="BreakerOptions.ClassifyException"/>.</summary>
    private (Exception Thrown, bool CallerCanceled) Judge(Exception exception, CancellationTokenSource? timeout, long start, CancellationToken cancellationToken)
    {
        if (exception is not OperationCanceledException canceled)
        {
            return (exception, false);
        }

        if (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            var seconds = RequestTimeout!.Value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            return (new TaskCanceledException($"The request was abandoned after {seconds} s.", new TimeoutException(canceled.Message, canceled)), false);
        }

        return (exception, cancellationToken.IsCancellationRequested && !ClientTimeoutElapsed(start));
    }

    private bool ClientTimeoutElapsed(long start) =>
        (ClientTimeoutSource?.Invoke() ?? ClientTimeout) is { } limit
        && limit != Timeout.InfiniteTimeSpan
        && RequestStart.Since(start) + TimeoutSlack >= limit;

    private CallVerdict Classify(HttpResponseMessage response, Breaker breaker)
    {
        try
        {
            return ClassifyResponse is { } classify ? classify(response) : DefaultClassifyResponse(response, breaker.TimeProvider.GetUtcNow());
        }
#pragma warning disable CA1031 // A faulty classifier counts the call as a failure; the caller still gets its response.
        catch (Exception)
#pragma warning restore CA1031
        {
            return CallVerdict.Failure;
        }
    }
}
