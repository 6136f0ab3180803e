namespace KeyValue.Client.Run;

/// <summary>One call as it happened.</summary>
/// <param name="Sequence">1, 2, 3, … in the order the client made the calls.</param>
/// <param name="Time">When the call was admitted or rejected.</param>
/// <param name="Command">The verb (GET, SET, DEL, …).</param>
/// <param name="Key">The key, if the command has one.</param>
/// <param name="Text">The request as a person reads it, e.g. <c>SET k1 v1</c>.</param>
/// <param name="Outcome">Ok, failed or rejected.</param>
/// <param name="Reply">The server's reply line, if one came.</param>
/// <param name="Error">Why the call failed or was rejected, otherwise null.</param>
/// <param name="State">The circuit's state when the call was admitted or rejected.</param>
/// <param name="Latency">How long the call took; null when rejected.</param>
/// <param name="RetryAfter">For a rejection, how long until the next trial is due, when known.</param>
internal sealed record RequestRecord(
    int Sequence,
    DateTimeOffset Time,
    string Command,
    string? Key,
    string Text,
    RequestOutcome Outcome,
    string? Reply,
    string? Error,
    CircuitStatus State,
    TimeSpan? Latency,
    TimeSpan? RetryAfter);
