namespace KeyValue.Demo.Traces;

/// <summary>One call of the client's run.</summary>
internal sealed record ClientCall(int Sequence, string Outcome, string State)
{
    public const string Ok = "ok";
    public const string Failed = "failed";
    public const string Rejected = "rejected";
}
