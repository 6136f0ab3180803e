namespace CircuitBreaker.Actor;

/// <summary>A reply carrying a value of type <typeparamref name="T"/>, set by the actor before it is completed.
/// Continuations run asynchronously, never on the actor's or the event loop's thread.</summary>
internal sealed class ActorReply<T> : TaskCompletionSource<T>, IActorReply
{
    public ActorReply()
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
    }

    public T Value { get; set; } = default!;

    public void Complete() => TrySetResult(Value);

    public void Fail(Exception exception) => TrySetException(exception);
}
