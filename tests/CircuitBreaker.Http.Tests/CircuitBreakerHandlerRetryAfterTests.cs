using System.Net;
using System.Net.Http.Headers;

namespace CircuitBreaker.Http.Tests;

/// <summary>The handler reads <c>Retry-After</c>, as seconds or as an HTTP date, from 503 and 429 responses; the
/// opening such a response causes lasts exactly that long.</summary>
public sealed class CircuitBreakerHandlerRetryAfterTests
{
    private static readonly Uri Address = new("http://stub.test/item");
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public void DefaultClassifyResponse_RetryAfterInSeconds_FailureWithThatDelay(HttpStatusCode status)
    {
        using var response = Response(status, new RetryConditionHeaderValue(TimeSpan.FromSeconds(120)));

        var verdict = CircuitBreakerHandler.DefaultClassifyResponse(response, Now);

        Assert.Equal(CallVerdict.FailureWithRetryAfter(TimeSpan.FromSeconds(120)), verdict);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public void DefaultClassifyResponse_RetryAfterAsDate_FailureWithTheTimeUntilThen(HttpStatusCode status)
    {
        using var response = Response(status, new RetryConditionHeaderValue(Now + TimeSpan.FromSeconds(90)));

        var verdict = CircuitBreakerHandler.DefaultClassifyResponse(response, Now);

        Assert.Equal(CallVerdictKind.Failure, verdict.Kind);
        Assert.Equal(TimeSpan.FromSeconds(90), verdict.RetryAfter);
    }

    [Fact]
    public void DefaultClassifyResponse_RetryAfterDateInThePast_FailureWithZeroDelay()
    {
        using var response = Response(HttpStatusCode.ServiceUnavailable, new RetryConditionHeaderValue(Now - TimeSpan.FromMinutes(1)));

        Assert.Equal(CallVerdict.FailureWithRetryAfter(TimeSpan.Zero), CircuitBreakerHandler.DefaultClassifyResponse(response, Now));
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    public void DefaultClassifyResponse_RetryAfterOnOtherServerErrors_PlainFailure(HttpStatusCode status)
    {
        using var response = Response(status, new RetryConditionHeaderValue(TimeSpan.FromSeconds(5)));

        Assert.Equal(CallVerdict.Failure, CircuitBreakerHandler.DefaultClassifyResponse(response, Now));
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, CallVerdictKind.Success)]
    [InlineData(HttpStatusCode.NotFound, CallVerdictKind.Success)]
    [InlineData(HttpStatusCode.TooManyRequests, CallVerdictKind.Failure)]
    [InlineData(HttpStatusCode.ServiceUnavailable, CallVerdictKind.Failure)]
    public void DefaultClassifyResponse_WithoutRetryAfter_ByStatus(HttpStatusCode status, CallVerdictKind expected)
    {
        using var response = new HttpResponseMessage(status);

        var verdict = CircuitBreakerHandler.DefaultClassifyResponse(response, Now);

        Assert.Equal((expected, (TimeSpan?)null), (verdict.Kind, verdict.RetryAfter));
    }

    [Fact]
    public async Task SendAsync_503WithRetryAfterSeconds_BreakLastsExactlyThatLong()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var events = new EventRecorder(breaker);
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7)));
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        using (await client.GetAsync(Address))
        {
        }

        Assert.True(events.TryNext(out var opened));
        Assert.Equal((TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)), (opened!.Transition.BreakDuration, opened.Transition.RetryAfter));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(7), opened.Transition.BreakEndsAt);
        clock.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromTicks(1));
        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(Address));
        Assert.Equal(TimeSpan.FromTicks(1), rejected.RetryAfter);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfterDate_BreakEndsAtThatDate()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o => o.Policy = BreakerPolicy.ConsecutiveFailures(1));
        var events = new EventRecorder(breaker);
        var stub = new StubHandler();
        var until = clock.GetUtcNow() + TimeSpan.FromSeconds(90);
        stub.AnswerWith(HttpStatusCode.TooManyRequests, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(until));
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        using var response = await client.GetAsync(Address);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(events.TryNext(out var opened));
        Assert.Equal((TimeSpan.FromSeconds(90), until), (opened!.Transition.BreakDuration, opened.Transition.BreakEndsAt));
        clock.Advance(TimeSpan.FromSeconds(90) - TimeSpan.FromTicks(1));
        Assert.Equal(BreakerState.Open, breaker.State);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(BreakerState.HalfOpen, breaker.State);
    }

    [Fact]
    public async Task SendAsync_RetryAfterLongerThanMaxBreakDuration_IsCapped()
    {
        var clock = BreakerTestKit.NewClock();
        await using var breaker = BreakerTestKit.NewBreaker(clock, o =>
        {
            o.Policy = BreakerPolicy.ConsecutiveFailures(1);
            o.MaxBreakDuration = TimeSpan.FromMinutes(1);
        });
        var stub = new StubHandler();
        stub.AnswerWith(HttpStatusCode.ServiceUnavailable, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1)));
        using var client = new HttpClient(new CircuitBreakerHandler(breaker, stub));

        using (await client.GetAsync(Address))
        {
        }

        var rejected = await Assert.ThrowsAsync<CircuitOpenException>(() => client.GetAsync(Address));
        Assert.Equal(TimeSpan.FromMinutes(1), rejected.RetryAfter);
    }

    private static HttpResponseMessage Response(HttpStatusCode status, RetryConditionHeaderValue retryAfter)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.RetryAfter = retryAfter;
        return response;
    }
}
