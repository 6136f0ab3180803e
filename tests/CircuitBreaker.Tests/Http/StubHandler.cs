using System.Net;

namespace CircuitBreaker.Tests.Http;

/// <summary>An inner handler that answers with whatever the test sets, counting the requests that reach it.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private int _requests;

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        static (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

    public int Requests => Volatile.Read(ref _requests);

    public void AnswerWith(HttpStatusCode status) => Respond = (_, _) => Task.FromResult(new HttpResponseMessage(status));

    public void ThrowWith(Exception exception) => Respond = (_, _) => Task.FromException<HttpResponseMessage>(exception);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Respond(request, cancellationToken);
    }
}
