namespace KeyValue.Client.Report;

/// <summary>A server trace as read: its spec changes and data requests in file order.</summary>
/// <param name="Path">The file, as given.</param>
/// <param name="Specs">Every spec line.</param>
/// <param name="Requests">Every request line.</param>
/// <param name="Dropped">Request lines the server left out (its <c>dropped</c> lines).</param>
internal sealed record ServerTrace(string Path, IReadOnlyList<ServerSpecChange> Specs, IReadOnlyList<ServerRequestRecord> Requests, long Dropped);
