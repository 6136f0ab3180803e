using CircuitBreaker.Controller;

namespace CircuitBreaker;

/// <summary>Puts every request of an <see cref="HttpClient"/> (or an <c>IHttpClientFactory</c> client, through
/// <c>AddHttpMessageHandler(() =&gt; new CircuitBreakerHandler(breaker))</c>) through a <see cref="Breaker"/>.
/// 5xx responses, <see cref="HttpRequestException"/> (connection refused, reset, DNS) and timeouts count as
/// failures; other responses, 4xx included, as successes. A rejected request throws
/// <see cref="CircuitOpenException"/> without reaching the network.</summary>
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

    /// <summary>Decides whether a response counts as a failure.</summary>
    /// <value>Default: status code 500 or above.</value>
    public Func<HttpResponseMessage, bool> IsFailureResponse { get; init; } = static response => (int)response.StatusCode >= 500;

    /// <inheritdoc/>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var admission = await _breaker.AdmitAsync(cancellationToken).ConfigureAwait(false);
        if (!admission.IsAdmitted)
        {
            throw new CircuitOpenException(_breaker.Name, admission.State, admission.RetryAfter);
        }

        var start = _breaker.StartTimestamp();
        using var timeout = RequestTimeout is { } limit ? new CancellationTokenSource(limit, _breaker.Time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, linked?.Token ?? cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException canceled) when (timeout?.IsCancellationRequested == true && !cancellationToken.IsCancellationRequested)
        {
            await _breaker.ReportAsync(admission, OutcomeKind.Failure, start).ConfigureAwait(false);
            throw new TaskCanceledException($"The request was abandoned after {DurationText.Format(RequestTimeout!.Value)}.", new TimeoutException(canceled.Message, canceled));
        }
        catch (Exception exception)
        {
            await _breaker.ReportAsync(admission, Classify(exception, cancellationToken), start).ConfigureAwait(false);
            throw;
        }

        bool failed;
        try
        {
            failed = IsFailureResponse(response);
        }
        catch
        {
            response.Dispose();
            await _breaker.ReportAsync(admission, OutcomeKind.Ignored, start).ConfigureAwait(false);
            throw;
        }

        await _breaker.ReportAsync(admission, failed ? OutcomeKind.Failure : OutcomeKind.Success, start).ConfigureAwait(false);
        return response;
    }

    /// <summary>The synchronous path is not supported: it would bypass the breaker's asynchronous actor.</summary>
    /// <param name="request">Unused.</param>
    /// <param name="cancellationToken">Unused.</param>
    /// <returns>Never returns.</returns>
    /// <exception cref="NotSupportedException">Always.</exception>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("CircuitBreakerHandler supports only asynchronous sends (HttpClient.SendAsync).");

    private OutcomeKind Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => OutcomeKind.Ignored,

        // Cancelled without the caller asking: a connect timeout or the like.
        OperationCanceledException => OutcomeKind.Failure,
        HttpRequestException => OutcomeKind.Failure,
        _ => _breaker.Classify(exception, cancellationToken),
    };
}
