namespace KeyValue.Client.Run;

/// <summary>Waits <c>--interval</c> between requests, rejected ones included, on the injected clock.</summary>
internal sealed class IntervalPacer(TimeSpan interval, TimeProvider timeProvider) : IRequestPacer
{
    public Task WaitAsync(int completedRequests, CancellationToken cancellationToken) =>
        interval <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(interval, timeProvider, cancellationToken);
}
