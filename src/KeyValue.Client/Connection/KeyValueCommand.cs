namespace KeyValue.Client.Connection;

/// <summary>The data commands the client sends; <see cref="Other"/> is whatever a person typed in interactive mode.</summary>
internal enum KeyValueCommand
{
    Get,
    Set,
    Delete,
    Other,
}
