namespace KeyValue.Client.Run;

/// <summary>Spaces the requests of a run; tests replace it to drive a fake clock and script the server.</summary>
internal interface IRequestPacer
{
    /// <summary>Waits before the next request, after <paramref name="completedRequests"/> calls.</summary>
    Task WaitAsync(int completedRequests, CancellationToken cancellationToken);
}
