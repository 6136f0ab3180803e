namespace KeyValue.Client.Report;

/// <summary><c>{"type":"end","time":"…","requests":1000,"dropped":0}</c>: the server's last line on a clean stop.</summary>
/// <param name="Time">When the server stopped.</param>
internal sealed record ServerEndRecord(DateTimeOffset Time) : ServerTraceRecord;
