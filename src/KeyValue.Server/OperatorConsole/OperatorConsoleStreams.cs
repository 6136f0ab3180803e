namespace KeyValue.Server.OperatorConsole;

/// <summary>Where the operator console reads commands (null: no console) and writes its answers.</summary>
internal sealed record OperatorConsoleStreams(TextReader? Input, TextWriter Output);
