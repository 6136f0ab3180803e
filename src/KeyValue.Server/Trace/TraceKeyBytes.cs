using System.Runtime.CompilerServices;

namespace KeyValue.Server.Trace;

/// <summary>Room for a short key inside a queued record, so that tracing a typical request allocates nothing.</summary>
[InlineArray(TraceKey.InlineCapacity)]
internal struct TraceKeyBytes
{
    private byte _first;
}
