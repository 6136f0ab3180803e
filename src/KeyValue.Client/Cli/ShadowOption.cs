namespace KeyValue.Client.Cli;

/// <summary>One <c>--shadow "&lt;policy&gt;"</c>: its name (the words as typed, one space apart) and its policy.</summary>
internal sealed record ShadowOption(string Name, PolicyChoice Policy);
