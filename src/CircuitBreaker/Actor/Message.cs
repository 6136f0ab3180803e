using CircuitBreaker.Controller;

namespace CircuitBreaker.Actor;

/// <summary>One message to the breaker's actor. A value type, so posting one allocates nothing beyond its reply (when
/// it has one). <see cref="Shared"/> carries a fact from a shared circuit's store.</summary>
internal readonly record struct Message(MessageKind Kind, Admission Admission, CallVerdict Verdict, SuccessTally? Tally, IActorReply? Reply, SharedFact? Shared = null)
{
    public static Message Tick => new(MessageKind.Tick, default, default, null, null);
}
