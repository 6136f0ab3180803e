namespace KeyValue.Protocol;

/// <summary>The command a request line names.</summary>
public enum CommandKind
{
    /// <summary>No command: the line was blank or could not be parsed.</summary>
    None = 0,

    /// <summary><c>PING</c>: replies <c>PONG</c>.</summary>
    Ping,

    /// <summary><c>GET &lt;key&gt;</c>: replies <c>VALUE &lt;value&gt;</c> or <c>NOT_FOUND</c>.</summary>
    Get,

    /// <summary><c>SET &lt;key&gt; &lt;value&gt;</c>: replies <c>OK</c>.</summary>
    Set,

    /// <summary><c>DEL &lt;key&gt;</c>: replies <c>DELETED</c> or <c>NOT_FOUND</c>.</summary>
    Del,

    /// <summary><c>QUIT</c>: replies <c>BYE</c>, then the server closes the connection.</summary>
    Quit,

    /// <summary><c>HELP</c>: replies <c>OK &lt;one line listing the commands&gt;</c>.</summary>
    Help,
}
