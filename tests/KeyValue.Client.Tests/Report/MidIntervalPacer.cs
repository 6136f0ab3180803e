using KeyValue.Client.Run;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Client.Tests.Report;

/// <summary>
/// Like the end-to-end tests' pacer, but the script runs halfway through each gap: the clock moves half the interval,
/// the script types its console commands, the clock moves the other half. A spec change then lies strictly between
/// two calls on the one fake clock the client and the server share.
/// </summary>
internal sealed class MidIntervalPacer(FakeTimeProvider clock, TimeSpan interval, Action<int> afterRequest) : IRequestPacer
{
    public Task WaitAsync(int completedRequests, CancellationToken cancellationToken)
    {
        clock.Advance(interval / 2);
        afterRequest(completedRequests);
        clock.Advance(interval - (interval / 2));
        return Task.CompletedTask;
    }
}
