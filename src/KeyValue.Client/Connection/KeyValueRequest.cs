namespace KeyValue.Client.Connection;

/// <summary>One request line for the server, and what it means for the read-your-writes check.</summary>
/// <param name="Command">The verb.</param>
/// <param name="Key">The key, or null for a command without one.</param>
/// <param name="Value">The value of a SET, otherwise null.</param>
/// <param name="Line">The exact line sent, without its terminator.</param>
internal sealed record KeyValueRequest(KeyValueCommand Command, string? Key, string? Value, string Line)
{
    public static KeyValueRequest Get(string key) => new(KeyValueCommand.Get, key, null, $"GET {key}");

    public static KeyValueRequest Set(string key, string value) => new(KeyValueCommand.Set, key, value, $"SET {key} {value}");

    public static KeyValueRequest Delete(string key) => new(KeyValueCommand.Delete, key, null, $"DEL {key}");

    /// <summary>The verb as it goes on the wire and into the trace: GET, SET, DEL, or the typed verb upper-cased.</summary>
    public string Verb => Command switch
    {
        KeyValueCommand.Get => "GET",
        KeyValueCommand.Set => "SET",
        KeyValueCommand.Delete => "DEL",
        _ => FirstToken(Line).ToUpperInvariant(),
    };

    /// <summary>
    /// Reads a line a person typed. GET, SET and DEL with the right arguments become checked data requests
    /// (a SET's value is the rest of the line after the key, spaces included, as the server reads it);
    /// anything else is sent as typed so the server's own answer (an ERR) shows. Returns null for a blank line.
    /// </summary>
    public static KeyValueRequest? FromTypedLine(string line)
    {
        var trimmed = line.Trim(' ', '\t', '\r', '\n');
        if (trimmed.Length == 0)
        {
            return null;
        }

        var verb = FirstToken(trimmed);
        var rest = trimmed[verb.Length..].TrimStart(' ', '\t');
        var key = FirstToken(rest);
        var afterKey = rest[key.Length..].TrimStart(' ', '\t');
        switch (verb.ToUpperInvariant())
        {
            case "GET" when key.Length > 0 && afterKey.Length == 0:
                return new KeyValueRequest(KeyValueCommand.Get, key, null, trimmed);
            case "DEL" when key.Length > 0 && afterKey.Length == 0:
                return new KeyValueRequest(KeyValueCommand.Delete, key, null, trimmed);
            case "SET" when key.Length > 0 && afterKey.Length > 0:
                return new KeyValueRequest(KeyValueCommand.Set, key, afterKey, trimmed);
            default:
                return new KeyValueRequest(KeyValueCommand.Other, key.Length > 0 ? key : null, null, trimmed);
        }
    }

    private static string FirstToken(string text)
    {
        var end = text.AsSpan().IndexOfAny(' ', '\t');
        return end < 0 ? text : text[..end];
    }
}
