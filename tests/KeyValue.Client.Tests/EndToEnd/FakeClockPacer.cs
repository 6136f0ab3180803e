using KeyValue.Client.Run;
using Microsoft.Extensions.Time.Testing;

namespace KeyValue.Client.Tests.EndToEnd;

/// <summary>
/// Replaces the wait between requests: runs the test's script for the gap after request n (typing a console
/// command into the server, say), then moves the fake clock on by the interval. The run takes no real time.
/// </summary>
internal sealed class FakeClockPacer(FakeTimeProvider clock, TimeSpan interval, Action<int>? afterRequest) : IRequestPacer
{
    public Task WaitAsync(int completedRequests, CancellationToken cancellationToken)
    {
        afterRequest?.Invoke(completedRequests);
        clock.Advance(interval);
        return Task.CompletedTask;
    }
}
