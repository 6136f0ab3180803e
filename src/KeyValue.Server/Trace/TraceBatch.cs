namespace KeyValue.Server.Trace;

/// <summary>
/// Records handed to the writer together: what one connection produced while it handled one read (or one spec record).
/// Handing over a batch rather than each record is what keeps the request path's cost per request to a clock read and a
/// key copy; batches are pooled by <see cref="ServerTrace"/>, so steady tracing allocates nothing.
/// </summary>
internal sealed class TraceBatch
{
    private const int InitialCapacity = 32;

    private TraceRecord[] _records = new TraceRecord[InitialCapacity];
    private bool _hasPooledKeys;

    /// <summary>Records in the batch.</summary>
    public int Count { get; private set; }

    /// <summary>How many of them are request records (only these count against the queue's capacity, and may be dropped).</summary>
    public int Requests { get; private set; }

    /// <summary>The records, in the order they were added.</summary>
    public ReadOnlySpan<TraceRecord> Records => _records.AsSpan(0, Count);

    /// <summary>A new record at the end of the batch, to be filled in place.</summary>
    public ref TraceRecord Add(TraceRecordKind kind)
    {
        if (Count == _records.Length)
        {
            Array.Resize(ref _records, _records.Length * 2);
        }

        if (kind == TraceRecordKind.Request)
        {
            Requests++;
        }

        ref TraceRecord record = ref _records[Count++];
        record.Kind = kind;
        return ref record;
    }

    /// <summary>Says that a record's key went into a pooled array, so that <see cref="Clear"/> gives it back.</summary>
    public void NotePooledKey() => _hasPooledKeys = true;

    /// <summary>
    /// Empties the batch for reuse and gives back the keys' pooled arrays. The records are overwritten, not cleared: what
    /// they still refer to (a spec, a mode) lives as long as the server anyway, and clearing costs a pass over the batch.
    /// </summary>
    public void Clear()
    {
        if (_hasPooledKeys)
        {
            foreach (ref TraceRecord record in _records.AsSpan(0, Count))
            {
                record.Key.Release();
            }

            _hasPooledKeys = false;
        }

        Count = 0;
        Requests = 0;
    }
}
