namespace KeyValue.Server.Trace;

/// <summary>The <c>source</c> of a spec record: who set the spec or mode it records.</summary>
internal static class SpecSources
{
    /// <summary>The state at start, from <c>--fail</c>, <c>--fail-chance</c> and <c>--fail-mode</c>.</summary>
    public const string CommandLine = "command-line";

    /// <summary>A <c>FAIL</c> command typed into the operator console.</summary>
    public const string Console = "console";

    /// <summary>A <c>NEXT</c> or <c>FOR</c> spec that ran its course by itself (the spec is then <c>OFF</c>).</summary>
    public const string Expired = "expired";
}
