namespace KeyValue.Client.Report;

/// <summary><c>{"type":"dropped","time":"…","count":12}</c>: request lines the server could not keep up with and left out.</summary>
/// <param name="Time">When.</param>
/// <param name="Count">How many were left out since the last such line.</param>
internal sealed record ServerDroppedRecord(DateTimeOffset Time, long Count) : ServerTraceRecord;
