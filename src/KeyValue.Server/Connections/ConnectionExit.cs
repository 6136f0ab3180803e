namespace KeyValue.Server.Connections;

/// <summary>Why a connection's request loop ended, as the log says it, and how the connection then closes.</summary>
/// <param name="Reason">The reason in the <c>closed (...)</c> log line.</param>
/// <param name="DrainBeforeClose">True after a last reply (QUIT, LINE_TOO_LONG): half-close and drain, so the reply is not lost to a reset.</param>
/// <param name="Hangs">True for fault mode HANG: the connection reads and discards until the client or the server ends it.</param>
internal readonly record struct ConnectionExit(string Reason, bool DrainBeforeClose = false, bool Hangs = false)
{
    public static ConnectionExit ClosedByClient { get; } = new("closed by client");

    public static ConnectionExit ServerStopping { get; } = new("server stopping");

    public static ConnectionExit IdleTimeout { get; } = new("idle timeout");

    public static ConnectionExit Dropped { get; } = new("dropped by fault injection");

    public static ConnectionExit Hung { get; } = new("hung by fault injection", Hangs: true);

    public static ConnectionExit Quit { get; } = new("quit", DrainBeforeClose: true);

    public static ConnectionExit LineTooLong { get; } = new("line too long", DrainBeforeClose: true);
}
