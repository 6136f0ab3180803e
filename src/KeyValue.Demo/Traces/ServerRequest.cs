namespace KeyValue.Demo.Traces;

/// <summary>A data request as the server saw it: its number under the spec then in force, its command and its fault.</summary>
internal sealed record ServerRequest(long Number, string Command, string Fault);
