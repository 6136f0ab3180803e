namespace KeyValue.Protocol;

/// <summary>What <see cref="LineFramer.TryReadLine"/> found.</summary>
internal enum LineStatus
{
    NeedMoreData = 0,
    Line,
    TooLong,
}
