using System.Net;

namespace KeyValue.Server.Hosting;

/// <summary>The address the listener actually bound (with the real port when <c>--port 0</c> was given).</summary>
internal sealed class ServerEndpoint
{
    private readonly TaskCompletionSource<IPEndPoint> _bound = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the listener is bound.</summary>
    public Task<IPEndPoint> Bound => _bound.Task;

    public void SetBound(IPEndPoint endPoint) => _bound.TrySetResult(endPoint);

    public void SetFailed(Exception exception) => _bound.TrySetException(exception);
}
