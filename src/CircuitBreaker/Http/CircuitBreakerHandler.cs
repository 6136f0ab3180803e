using System.Net;
using System.Runtime.ExceptionServices;

namespace CircuitBreaker;

/// <summary>Puts every request of an <see cref="HttpClient"/> (or an <c>IHttpClientFactory</c> client, through
/// <c>AddHttpMessageHandler(() =&gt; new CircuitBreakerHandler(breaker))</c>) through a <see cref="Breaker"/>, with only
/// the breaker's public API. By default 5xx and 429 responses, <see cref="HttpRequestException"/> (connection
/// refused, reset, DNS) and timeouts count as failures; other responses, other 4xx included, as successes. A 503 or
/// 429 with a <c>Retry-After</c> header (seconds or an HTTP date) that opens the circuit keeps it open exactly that
/// long (capped at <see cref="BreakerOptions.MaxBreakDuration"/>). A rejected request throws
/// <see cref="CircuitOpenException"/> without reaching the network. Every response the inner handler returns is
/// returned to the caller, also when it counted as a failure.</summary>
/// <remarks><see cref="HttpClient.Timeout"/> cancels the same token the caller's cancellation does, so a handler
/// cannot tell the two apart and treats both as the caller's cancellation (not a failure). For timeouts to count,
/// set <see cref="RequestTimeout"/> below <see cref="HttpClient.Timeout"/>.</remarks>
public sealed class CircuitBreakerHandler : DelegatingHandler
{
    private readonly Breaker _breaker;

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

    /// <summary>How long one request may take before it is abandoned and counted as a failure (a
    /// <see cref="TaskCanceledException"/> with an inner <see cref="TimeoutException"/> is thrown, as
    /// <see cref="HttpClient"/> does). Measured with the breaker's <see cref="TimeProvider"/>.</summary>
    /// <value>Default <see langword="null"/>: no timeout of its own.</value>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>How a response counts.</summary>
    /// <value>Default <see cref="DefaultClassifyResponse"/> with the breaker's clock.</value>
    public Func<HttpResponseMessage, CallVerdict>? ClassifyResponse { get; init; }

    /// <summary>The default classification: 5xx and 429 are failures, carrying the response's <c>Retry-After</c> (a
    /// delay, or an HTTP date measured from <paramref name="now"/>) for 503 and 429; anything else is a success.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for a Retry-After given as a date.</param>
    /// <returns>The verdict.</returns>
    public static CallVerdict DefaultClassifyResponse(HttpResponseMessage response, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = response.StatusCode;
        if ((int)status < 500 && status != HttpStatusCode.TooManyRequests)
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
        var outcome = await _breaker.TryExecuteAsync(
            static (state, ct) => state.Handler.SendOnceAsync(state.Request, ct),
            (Handler: this, Request: request),
            Classify,
            cancellationToken).ConfigureAwait(false);

        if (outcome.IsRejected)
        {
            throw new CircuitOpenException(_breaker.Name, outcome.State, outcome.RetryAfter);
        }

        var attempt = outcome.Value;
        if (attempt.Error is { } error)
        {
            error.Throw();
        }

        return attempt.Response!;
    }

    /// <summary>The synchronous path is not supported: it would bypass the breaker's asynchronous actor.</summary>
    /// <param name="request">Unused.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("CircuitBreakerHandler supports only asynchronous sends (HttpClient.SendAsync).");

    /// <summary>One send, with the exception caught as a value so that it is classified here (the caller's
    /// cancellation ignored, a timeout or a network error a failure) and rethrown to the caller as it was.</summary>
    private async ValueTask<Attempt> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = RequestTimeout is { } limit ? new CancellationTokenSource(limit, _breaker.TimeProvider) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return new Attempt(await base.SendAsync(request, linked?.Token ?? cancellationToken).ConfigureAwait(false), null, false);
        }
        catch (OperationCanceledException canceled) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            var abandoned = new TaskCanceledException($"The request was abandoned after {DurationText.Format(RequestTimeout!.Value)}.", new TimeoutException(canceled.Message, canceled));
            return new Attempt(null, ExceptionDispatchInfo.Capture(abandoned), false);
        }
        catch (Exception exception)
        {
            return new Attempt(null, ExceptionDispatchInfo.Capture(exception), exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
        }
    }

    private CallVerdict Classify(Attempt attempt) => attempt switch
    {
        { CallerCanceled: true } => CallVerdict.Ignored,
        { Response: { } response } => ClassifyResponse is { } classify ? classify(response) : DefaultClassifyResponse(response, _breaker.TimeProvider.GetUtcNow()),
        _ => CallVerdict.Failure,
    };

    /// <summary>What one send produced: a response, or the exception it threw.</summary>
    private readonly record struct Attempt(HttpResponseMessage? Response, ExceptionDispatchInfo? Error, bool CallerCanceled);
}
