namespace KeyValue.Server.Connections;

/// <summary>What a connection is doing, as its <see cref="IdleWatch"/> sees it.</summary>
internal enum IdleState
{
    /// <summary>Handling requests or holding a delayed one: the server, not the client, is the one to move; never idle.</summary>
    Working = 0,

    /// <summary>Waiting for the client to send.</summary>
    WaitingToRead,

    /// <summary>Waiting for the client to accept replies (a flush).</summary>
    WaitingToWrite,

    /// <summary>Hung by fault mode HANG: open until the client or the server ends it, whatever the idle timeout.</summary>
    Hanging,

    /// <summary>Closed by the idle timeout; nothing more is read or written.</summary>
    Expired,
}
