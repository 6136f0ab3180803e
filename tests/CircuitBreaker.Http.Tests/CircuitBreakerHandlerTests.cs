using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace CircuitBreaker.Http.Tests;

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
        Assert.Equal(BreakerState.Open, rejected.State);
        Assert.Equal(breaker.Name, rejected.BreakerName);
        Assert.Equal(BreakerTestKit.Break, rejected.RetryAfter);
        Assert.Equal(2, stub.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, BreakerState.Closed)]
    [InlineData(HttpStatusCode.NotFound, BreakerState.Closed)]
    [InlineData(HttpStatusCode.BadRequest, BreakerState.Closed)]
    [InlineData(HttpStatusCode.TooManyRequests, BreakerState.Open)]
    [InlineData(HttpStatusCode.RequestTimeout, BreakerState.Open)]
    [InlineData(HttpStatusCode.InternalServerError, BreakerState.Open)]
    [InlineData(HttpStatusCode.ServiceUnavailable, BreakerState.Open)]
    [InlineData(HttpStatusCode.GatewayTimeout, BreakerState.Open)]
    public async Task SendAsync_StatusCode_CountsAsFailureFor5xx408And429(HttpStatusCode status, BreakerState expected)
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

        Assert.Equal(BreakerState.Open, breaker.State);
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

        Assert.Equal(BreakerState.Open, breaker.State);
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
        Assert.Equal(BreakerState.Closed, breaker.State);
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
        Assert.Equal(BreakerState.Open, breaker.State);
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
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task SendAsync_CustomClassifier_IsUsed()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.NotFound);
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub)
        {
            ClassifyResponse = static r => r.StatusCode == HttpStatusCode.NotFound ? CallVerdict.Failure : CallVerdict.Success,
        });

        using (await client.GetAsync(Address))
        {
        }

        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task SendAsync_CustomClassifierIgnores_ChangesNoCount()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 2);
        var stub = new StubHandler();
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub)
        {
            ClassifyResponse = static r => r.StatusCode == HttpStatusCode.ServiceUnavailable ? CallVerdict.Ignored : CallVerdict.Failure,
        });
        stub.AnswerWith(HttpStatusCode.InternalServerError);
        using (await client.GetAsync(Address))
        {
        }

        stub.AnswerWith(HttpStatusCode.ServiceUnavailable);
        using var ignored = await client.GetAsync(Address);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ignored.StatusCode);
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
    }

    [Fact]
    public async Task SendAsync_503_CountsAsFailureWithoutAnException()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 2);
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.ServiceUnavailable);
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        using var response = await client.GetAsync(Address);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("503", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, (await breaker.SnapshotAsync()).ConsecutiveFailures);
        Assert.Equal(BreakerState.Closed, breaker.State);
    }

    [Fact]
    public async Task SendAsync_EveryResponse_IsReturnedToTheCallerUndisposed()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 3);
        var stub = new StubHandler();
        using var invoker = new HttpMessageInvoker(new CircuitBreakerHandler(breaker, stub));
        var returned = new List<HttpResponseMessage>();

        foreach (var status in new[] { HttpStatusCode.OK, HttpStatusCode.NotFound, HttpStatusCode.ServiceUnavailable, HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests })
        {
            stub.AnswerWith(status);
            using var request = new HttpRequestMessage(HttpMethod.Get, Address);
            returned.Add(await invoker.SendAsync(request, CancellationToken.None));
        }

        await Assert.ThrowsAsync<CircuitOpenException>(() => invoker.SendAsync(new HttpRequestMessage(HttpMethod.Get, Address), CancellationToken.None));
        Assert.Equal(stub.Responses, returned);
        foreach (var response in returned)
        {
            Assert.Equal(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
            response.Dispose();
        }
    }

    [Fact]
    public async Task SendAsync_ClassifierThrows_CountsAsFailureAndStillReturnsTheResponse()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub)
        {
            ClassifyResponse = static _ => throw new InvalidOperationException("classifier bug"),
        });

        using var response = await client.GetAsync(Address);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Same(Assert.Single(stub.Responses), response);
        Assert.Equal(BreakerState.Open, breaker.State);
    }

    [Fact]
    public async Task SendAsync_BreakerDisposedDuringASuccessfulTrial_ReturnsTheTrialsResponse()
    {
        var clock = BreakerTestKit.NewClock();
        var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));
        stub.AnswerWith(HttpStatusCode.InternalServerError);
        using (await client.GetAsync(Address))
        {
        }

        clock.Advance(BreakerTestKit.Break);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        stub.Respond = async (_, _) =>
        {
            entered.SetResult();
            await release.Task;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("trial") };
        };
        var trial = client.GetAsync(Address);
        await entered.Task.WaitAsync(BreakerTestKit.Timeout);

        await breaker.DisposeAsync().AsTask().WaitAsync(BreakerTestKit.Timeout);
        release.SetResult();

        using var response = await trial.WaitAsync(BreakerTestKit.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("trial", await response.Content.ReadAsStringAsync());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync(Address));
    }

    [Fact]
    public async Task Send_Synchronous_GoesThroughTheBreaker()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = Breaker(clock, failures: 1);
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.InternalServerError);
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        using (var request = new HttpRequestMessage(HttpMethod.Get, Address))
        using (var response = client.Send(request))
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }

        using var rejected = new HttpRequestMessage(HttpMethod.Get, Address);
        Assert.Throws<CircuitOpenException>(() => client.Send(rejected));
        Assert.Equal(1, stub.Requests);
    }

    /// <summary>A server that never answers: completes only when the token is cancelled.</summary>
    private static Task Hang(CancellationToken cancellationToken) =>
        new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously).Task.WaitAsync(cancellationToken);

    private static Breaker Breaker(FakeTimeProvider clock, int failures) =>
        BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(failures));
}
