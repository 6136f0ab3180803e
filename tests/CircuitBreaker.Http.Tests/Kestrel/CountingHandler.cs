namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>The primary handler of a test client: sends through a real <see cref="SocketsHttpHandler"/> and counts the
/// responses it produced and how many of them were disposed (each response's content is wrapped to see it).</summary>
internal sealed class CountingHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    private int _created;
    private int _disposed;

    public int Created => Volatile.Read(ref _created);

    public int Disposed => Volatile.Read(ref _disposed);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Track(await base.SendAsync(request, cancellationToken));

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Track(base.Send(request, cancellationToken));

    private HttpResponseMessage Track(HttpResponseMessage response)
    {
        Interlocked.Increment(ref _created);
        response.Content = new TrackedContent(response.Content, () => Interlocked.Increment(ref _disposed));
        return response;
    }

    /// <summary>Content that reports its disposal (an <see cref="HttpResponseMessage"/> disposes its content).</summary>
    private sealed class TrackedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly Action _onDispose;
        private int _disposed;

        public TrackedContent(HttpContent inner, Action onDispose)
        {
            _inner = inner;
            _onDispose = onDispose;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => _inner.CopyToAsync(stream);

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(stream, cancellationToken);

        protected override void SerializeToStream(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyTo(stream, context, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _inner.Dispose();
                _onDispose();
            }

            base.Dispose(disposing);
        }
    }
}
