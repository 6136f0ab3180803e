using System.Collections.Concurrent;
using System.Net;

namespace CircuitBreaker.Http.Tests;

/// <summary>An inner handler that answers with whatever the test sets, counting the requests that reach it and
/// remembering every response it produced.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<HttpResponseMessage> _responses = new();
    private int _requests;

    public Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Respond { get; set; } =
        static (_, _) => Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Every response this handler returned, in order.</summary>
    public IReadOnlyList<HttpResponseMessage> Responses => [.. _responses];

    public void AnswerWith(HttpStatusCode status, Action<HttpResponseMessage>? configure = null) => Respond = (_, _) =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        configure?.Invoke(response);
        return Task.FromResult(response);
    };

    public void ThrowWith(Exception exception) => Respond = (_, _) => Task.FromException<HttpResponseMessage>(exception);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A test stub: its answers are completed tasks (or the test's own), so waiting here blocks on nothing.
        return SendAsync(request, cancellationToken).GetAwaiter().GetResult();
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var response = await Respond(request, cancellationToken);
        _responses.Enqueue(response);
        return response;
    }
}
