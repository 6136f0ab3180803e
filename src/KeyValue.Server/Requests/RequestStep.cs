namespace KeyValue.Server.Requests;

/// <summary>The outcome of handling one request: what the connection must do next, and for a delayed request what it resumes with.</summary>
/// <param name="Kind">What the connection does next.</param>
/// <param name="Fault">For a data request: the fault decided for it, once.</param>
/// <param name="HandledAtTicks">When the request was handled, for its trace record (0 without <c>--trace</c>).</param>
internal readonly record struct RequestStep(RequestStepKind Kind, RequestFault Fault = default, long HandledAtTicks = 0)
{
    public static RequestStep Replied { get; } = new(RequestStepKind.Replied);

    /// <summary>For <see cref="RequestStepKind.Delay"/>: how long to wait.</summary>
    public TimeSpan Delay => Fault.Delay;
}
