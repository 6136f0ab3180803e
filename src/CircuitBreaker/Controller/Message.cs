using CircuitBreaker.Health;

namespace CircuitBreaker.Controller;

/// <summary>One message to the breaker's actor. A value type, so posting one allocates nothing beyond its reply
/// (when it has one: a <see cref="TaskCompletionSource"/> or <see cref="TaskCompletionSource{T}"/> created with
/// <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>).</summary>
internal readonly record struct Message(MessageKind Kind, Admission Admission, OutcomeKind Outcome, SuccessTally? Tally, object? Reply)
{
    public static Message Tick => new(MessageKind.Tick, default, default, null, null);
}
