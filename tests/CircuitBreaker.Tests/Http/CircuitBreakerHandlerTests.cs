using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Tests.Http;

public sealed class CircuitBreakerHandlerTests
{
    private static readonly Uri Address = new("http://stub.test/item");

    [Fact]
    public async Task SendAsync_ServerErrors_OpenTheCircuit_ThenRequestsNeverReachTheServer()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 2);
        var stub = new StubHandler();
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));
        stub.AnswerWith(HttpStatusCode.InternalServerError);

        using (await client.GetAsync(Address))
        {
        }

        using (await client.GetAsync(Address))
        {
        }

        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(Address));
        Assert.Equal(CircuitState.Open, rejected.State);
        Assert.Equal(2, stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, CircuitState.Closed)]
    [InlineData(HttpStatusCode.NotFound, CircuitState.Closed)]
    [InlineData(HttpStatusCode.TooManyRequests, CircuitState.Closed)]
    [InlineData(HttpStatusCode.InternalServerError, CircuitState.Open)]
    [InlineData(HttpStatusCode.ServiceUnavailable, CircuitState.Open)]
    public async Task SendAsync_StatusCode_CountsAsFailureOnlyFor5xx(HttpStatusCode status, CircuitState expected)
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        stub.AnswerWith(status);
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        using var response = await client.GetAsync(Address);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(expected, breaker.State);
    }

    [Fact]
    public async Task SendAsync_ConnectionFailure_CountsAndIsRethrown()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        stub.ThrowWith(new HttpRequestException("connection refused"));
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Address));

        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task SendAsync_CancelledWithoutTheCallerAsking_CountsAsFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        stub.ThrowWith(new TaskCanceledException("connect timeout", new TimeoutException()));
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(Address));

        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_IsNotAFailure()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stub = new StubHandler
        {
            Respond = async (_, ct) =>
            {
                entered.SetResult();
                await Hang(ct);
                return new HttpResponseMessage(HttpStatusCode.OK);
            },
        };
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));
        using var cancellation = new CancellationTokenSource();

        var sending = client.GetAsync(Address, cancellation.Token);
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(BreakerTestKit.Timeout));
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.Equal(0, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task SendAsync_RequestTimeoutElapses_CountsAsFailureAndThrowsTimeout()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stub = new StubHandler
        {
            Respond = async (_, ct) =>
            {
                entered.SetResult();
                await Hang(ct);
                return new HttpResponseMessage(HttpStatusCode.OK);
            },
        };
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub) { RequestTimeout = TimeSpan.FromSeconds(2) });

        var sending = client.GetAsync(Address);
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);
        clock.Advance(TimeSpan.FromSeconds(2));

        var thrown = await Assert.ThrowsAsync<TaskCanceledException>(() => sending.WaitAsync(BreakerTestKit.Timeout));
        Assert.IsType<TimeoutException>(thrown.InnerException);
        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task SendAsync_AfterBreak_TrialRequestClosesTheCircuit()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));
        stub.AnswerWith(HttpStatusCode.BadGateway);
        using (await client.GetAsync(Address))
        {
        }

        stub.AnswerWith(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromSeconds(10));
        using var trial = await client.GetAsync(Address);

        Assert.Equal(HttpStatusCode.OK, trial.StatusCode);
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    [Fact]
    public async Task SendAsync_CustomFailureRule_IsUsed()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.TooManyRequests);
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub)
        {
            IsFailureResponse = static r => r.StatusCode == HttpStatusCode.TooManyRequests,
        });

        using (await client.GetAsync(Address))
        {
        }

        Assert.Equal(CircuitState.Open, breaker.State);
    }

    [Fact]
    public async Task Send_Synchronous_NotSupported()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, new StubHandler()));
        using var request = new HttpRequestMessage(HttpMethod.Get, Address);

        Assert.Throws<NotSupportedException>(() => client.Send(request));
    }

    /// <summary>A server that never answers: completes only when the token is cancelled.</summary>
    private static Task Hang(CancellationToken cancellationToken) =>
        new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously).Task.WaitAsync(cancellationToken);

    private static Breaker Breaker(FakeTimeProvider clock, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(failures));
}
