using System.Diagnostics.CodeAnalysis;
using KeyValue.Faults;

namespace KeyValue.Server.Options;

/// <summary>The fault spec and mode the server starts with, parsed from <see cref="ServerOptions"/>.</summary>
internal sealed record FaultSettings(FaultSpec Spec, FaultMode Mode)
{
    public static bool TryCreate(
        ServerOptions options,
        [NotNullWhen(true)] out FaultSettings? settings,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(options);
        settings = null;
        if (!FaultSpec.TryParse(options.FaultSpec, out FaultSpec? spec, out string? specError))
        {
            error = $"--fail '{options.FaultSpec}' is not a valid fault spec: {specError}";
            return false;
        }

        if (!FaultMode.TryParse(options.FaultMode, out FaultMode? mode, out string? modeError))
        {
            error = $"--fail-mode '{options.FaultMode}' is not a valid fault mode: {modeError}";
            return false;
        }

        settings = new FaultSettings(spec, mode);
        error = null;
        return true;
    }
}
