namespace KeyValue.Protocol;

/// <summary>The protocol's size limits.</summary>
public static class ProtocolLimits
{
    /// <summary>Default longest request line, in bytes, without the LF or CRLF terminator (<c>--max-line-bytes</c>).</summary>
    public const int DefaultMaxLineBytes = 65_536;

    /// <summary>Longest key, in bytes. Keys are 1 to this many bytes.</summary>
    public const int MaxKeyBytes = 1_024;
}
