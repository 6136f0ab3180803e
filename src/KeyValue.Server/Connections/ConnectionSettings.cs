namespace KeyValue.Server.Connections;

/// <summary>What every connection needs from the server's options, resolved once.</summary>
internal sealed record ConnectionSettings(int MaxLineBytes, TimeSpan IdleTimeout, TimeProvider TimeProvider);
