namespace KeyValue.Server.Options;

/// <summary>Every setting of the server, as given on the command line; checked by <see cref="ServerOptionsValidator"/>.</summary>
internal sealed class ServerOptions
{
    /// <summary>The IP address to listen on, or <c>localhost</c>. <value>Default 127.0.0.1.</value></summary>
    public string Host { get; set; } = ServerDefaults.Host;

    /// <summary>The TCP port; 0 picks a free one. <value>Default 7379; 0 to 65,535.</value></summary>
    public int Port { get; set; } = ServerDefaults.Port;

    /// <summary>The fault spec in force at start (<c>OFF</c>, <c>ON</c>, <c>EVERY 3RD OF 5</c>, …). <value>Default OFF.</value></summary>
    public string FaultSpec { get; set; } = ServerDefaults.FaultSpec;

    /// <summary>How a failing request fails (<c>ERROR</c>, <c>ERROR RETRY-AFTER 3s</c>, <c>DELAY 500ms</c>, <c>DROP</c>, <c>HANG</c>). <value>Default ERROR.</value></summary>
    public string FaultMode { get; set; } = ServerDefaults.FaultMode;

    /// <summary>The seed for a <c>CHANCE</c> spec that names none; null means a random seed.</summary>
    public long? Seed { get; set; }

    /// <summary>The longest request line, without its terminator. <value>Default 65,536; 1 to 16,777,216.</value></summary>
    public int MaxLineBytes { get; set; } = ServerDefaults.MaxLineBytes;

    /// <summary>Connections served at once; one more gets <c>ERR BUSY</c>. <value>Default 10,000.</value></summary>
    public int MaxConnections { get; set; } = ServerDefaults.MaxConnections;

    /// <summary>Seconds a connection may stay silent before it is closed. <value>Default 300.</value></summary>
    public int IdleTimeoutSeconds { get; set; } = ServerDefaults.IdleTimeoutSeconds;

    /// <summary>Seconds that in-flight requests get to finish on shutdown. <value>Default 5.</value></summary>
    public int ShutdownTimeoutSeconds { get; set; } = ServerDefaults.ShutdownTimeoutSeconds;

    /// <summary>The minimum level logged. <value>Default information.</value></summary>
    public ServerLogLevel LogLevel { get; set; } = ServerDefaults.LogLevel;

    /// <summary>The JSON Lines file that records every spec change and data request; null for none. <value>Default none.</value></summary>
    public string? TracePath { get; set; }

    internal TimeSpan IdleTimeout => TimeSpan.FromSeconds(IdleTimeoutSeconds);

    internal TimeSpan ShutdownTimeout => TimeSpan.FromSeconds(ShutdownTimeoutSeconds);

    internal void CopyTo(ServerOptions target)
    {
        target.Host = Host;
        target.Port = Port;
        target.FaultSpec = FaultSpec;
        target.FaultMode = FaultMode;
        target.Seed = Seed;
        target.MaxLineBytes = MaxLineBytes;
        target.MaxConnections = MaxConnections;
        target.IdleTimeoutSeconds = IdleTimeoutSeconds;
        target.ShutdownTimeoutSeconds = ShutdownTimeoutSeconds;
        target.LogLevel = LogLevel;
        target.TracePath = TracePath;
    }
}
