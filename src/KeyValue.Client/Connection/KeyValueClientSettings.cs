namespace KeyValue.Client.Connection;

/// <summary>Where the server is and the limits of one request.</summary>
internal sealed record KeyValueClientSettings
{
    /// <summary>
    /// The longest reply line accepted. The server's longest request line is 65,536 bytes, so its longest
    /// reply (<c>VALUE</c> and a value) is a little more; anything far beyond that is a broken peer.
    /// </summary>
    public const int DefaultMaxReplyBytes = 1024 * 1024;

    public required string Host { get; init; }

    public required int Port { get; init; }

    /// <summary>For one request, connecting included.</summary>
    public required TimeSpan Timeout { get; init; }

    public int MaxReplyBytes { get; init; } = DefaultMaxReplyBytes;
}
