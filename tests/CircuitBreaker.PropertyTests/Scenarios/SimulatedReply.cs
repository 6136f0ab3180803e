namespace CircuitBreaker.PropertyTests.Scenarios;

/// <summary>What a simulated call returns: a status the scenarios' result classifier reads (200 a success, 503 a failure
/// with the reply's retry-after when it has one, 404 ignored; any other status makes the classifier throw).</summary>
internal sealed record SimulatedReply(int Status, TimeSpan? RetryAfter = null)
{
    public const int Ok = 200;
    public const int NotFound = 404;
    public const int Unreadable = 500;
    public const int Unavailable = 503;

    /// <summary>The result classifier of the scenarios: per call, and (through <see cref="ClassifyAny"/>) the breaker's.</summary>
    public static CallVerdict Classify(SimulatedReply reply) => reply.Status switch
    {
        Ok => CallVerdict.Success,
        Unavailable => reply.RetryAfter is { } wait ? CallVerdict.FailureWithRetryAfter(wait) : CallVerdict.Failure,
        NotFound => CallVerdict.Ignored,
        _ => throw new InvalidOperationException($"the classifier cannot read status {reply.Status}"),
    };

    /// <summary><see cref="BreakerOptions.ClassifyResult"/>: a reply by its status; anything else (the result of an
    /// operation without one) a success.</summary>
    public static CallVerdict ClassifyAny(object? result) => result is SimulatedReply reply ? Classify(reply) : CallVerdict.Success;

    /// <summary><see cref="BreakerOptions.ClassifyException"/>: a simulated failure with its retry-after, the ignored type
    /// ignored, anything else a failure.</summary>
    public static CallVerdict ClassifyException(Exception exception) => exception switch
    {
        IgnoredByPredicateException => CallVerdict.Ignored,
        SimulatedFailureException { RetryAfter: { } wait } => CallVerdict.FailureWithRetryAfter(wait),
        _ => CallVerdict.Failure,
    };
}
