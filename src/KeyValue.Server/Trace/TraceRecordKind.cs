namespace KeyValue.Server.Trace;

/// <summary>Which kind of line a queued <see cref="TraceRecord"/> becomes.</summary>
internal enum TraceRecordKind
{
    /// <summary>A data request: a <c>"type":"request"</c> line.</summary>
    Request = 0,

    /// <summary>The fault state at start, or a change of it: a <c>"type":"spec"</c> line.</summary>
    Spec,
}
