using KeyValue.Faults;

namespace KeyValue.Server.Trace;

/// <summary>
/// What goes through the queue to the writer: a chunk of request lines one connection formatted while it handled one
/// read, or a fault change for the writer to turn into a spec line.
/// </summary>
/// <param name="Lines">The chunk (pooled; the writer gives it back); null for a change.</param>
/// <param name="Length">Bytes of <paramref name="Lines"/> in use.</param>
/// <param name="Requests">Request lines in the chunk.</param>
/// <param name="Change">The change, for a spec line; null for a chunk.</param>
internal readonly record struct TraceItem(byte[]? Lines, int Length, int Requests, FaultChange? Change);
