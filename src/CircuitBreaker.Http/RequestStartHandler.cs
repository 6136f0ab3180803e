namespace CircuitBreaker.Http;

/// <summary>Placed first in a factory client's pipeline by <c>AddCircuitBreaker</c>: stamps each request with the
/// instant it entered the pipeline (see <see cref="RequestStart"/>).</summary>
internal sealed class RequestStartHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestStart.Stamp(request);
        return base.SendAsync(request, cancellationToken);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestStart.Stamp(request);
        return base.Send(request, cancellationToken);
    }
}
