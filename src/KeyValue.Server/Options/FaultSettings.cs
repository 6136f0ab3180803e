using System.Diagnostics.CodeAnalysis;
using KeyValue.Faults;

namespace KeyValue.Server.Options;

/// <summary>The fault spec and mode the server starts with, parsed from <see cref="ServerOptions"/>.</summary>
internal sealed record FaultSettings(FaultSpec Spec, FaultMode Mode)
{
    /// <summary>Parses both; on failure <paramref name="problems"/> names each bad option.</summary>
    public static bool TryCreate(
        ServerOptions options,
        [NotNullWhen(true)] out FaultSettings? settings,
        out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        var found = new List<string>();
        if (!FaultSpec.TryParse(options.FaultSpec, out FaultSpec? spec, out string? specError))
        {
            found.Add($"--fail '{options.FaultSpec}' is not a valid fault spec: {specError}");
        }

        if (!FaultMode.TryParse(options.FaultMode, out FaultMode? mode, out string? modeError))
        {
            found.Add($"--fail-mode '{options.FaultMode}' is not a valid fault mode: {modeError}");
        }

        problems = found;
        settings = spec is not null && mode is not null ? new FaultSettings(spec, mode) : null;
        return settings is not null;
    }
}
