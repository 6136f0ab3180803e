namespace CircuitBreaker.Actor;

/// <summary>The answer to one message, completed by the actor — or, when the message caused transitions, by the event
/// loop once their events have been raised, so that a caller who gets the answer can trust that its
/// <see cref="Breaker.StateChanged"/> handlers have run.</summary>
internal interface IActorReply
{
    void Complete();

    void Fail(Exception exception);
}
