using CircuitBreaker;
using KeyValue.Protocol;

namespace KeyValue.Client.Connection;

/// <summary>A reply line and what it means, copied out of the connection's buffer.</summary>
/// <param name="Line">The reply as received, without its terminator.</param>
/// <param name="Kind">Which reply it is.</param>
/// <param name="ErrorCode">The code of an <c>ERR</c> reply, otherwise <see cref="ErrorCode.None"/>.</param>
/// <param name="Value">The value of a <c>VALUE</c> reply, otherwise null.</param>
/// <param name="RetryAfter">How long an <c>ERR UNAVAILABLE retry-after=&lt;ms&gt;</c> reply asks callers to stay away.</param>
internal sealed record KeyValueReply(string Line, ReplyKind Kind, ErrorCode ErrorCode, string? Value, TimeSpan? RetryAfter = null)
{
    /// <summary>
    /// The server could not serve the request: a failure for the breaker, not an answer. NOT_FOUND,
    /// BAD_ARGUMENTS, UNKNOWN_COMMAND and LINE_TOO_LONG are answers: the server is healthy, the request was not.
    /// </summary>
    public bool IsFailure => ErrorCode is ErrorCode.Unavailable or ErrorCode.Busy;

    /// <summary>The server closes the connection after this reply.</summary>
    public bool ClosesConnection => Kind == ReplyKind.Bye || ErrorCode is ErrorCode.LineTooLong or ErrorCode.Busy;

    /// <summary>How the breaker counts this reply: <c>ERR UNAVAILABLE</c> and <c>ERR BUSY</c> are failures (with the
    /// server's retry-after when it gave one), every other reply a success — no exception involved.</summary>
    public CallVerdict Verdict => !IsFailure ? CallVerdict.Success
        : RetryAfter is { } wait ? CallVerdict.FailureWithRetryAfter(wait)
        : CallVerdict.Failure;

    public static KeyValueReply From(in ParsedReply reply) => new(
        reply.ToString(),
        reply.Kind,
        reply.ErrorCode,
        reply.Kind == ReplyKind.Value ? reply.GetPayloadString() : null,
        reply.RetryAfter);

    /// <summary>The classifier the breaker runs on every reply.</summary>
    public static CallVerdict Classify(KeyValueReply reply) => reply.Verdict;
}
