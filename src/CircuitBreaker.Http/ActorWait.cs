namespace CircuitBreaker.Http;

/// <summary>The synchronous send's only wait on the breaker. Admission while closed, a rejection from an open circuit
/// and a success while closed complete at once (no wait at all); only an answer that needs the breaker's actor — a
/// failure's report, a half-open admission — is waited for.</summary>
internal static class ActorWait
{
    public static T Result<T>(ValueTask<T> pending) => pending.IsCompletedSuccessfully ? pending.Result : Block(pending);

    /// <summary>Blocking here is safe: the actor is a loop on the thread pool that never needs the calling thread nor
    /// its synchronization context, and it answers through a completion source created with
    /// <c>RunContinuationsAsynchronously</c>, so this thread waits one round trip of the actor — the same bargain
    /// <see cref="HttpClient.Send(HttpRequestMessage)"/> makes when it blocks this thread on the socket.</summary>
    private static T Block<T>(ValueTask<T> pending) => pending.AsTask().GetAwaiter().GetResult();
}
