using Microsoft.Extensions.Options;

namespace KeyValue.Server.Options;

/// <summary>
/// Checks every setting at once and names each bad one by its command-line option, so the same
/// messages serve the command line (exit 2) and the host's validation on start.
/// </summary>
internal sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static List<string> Check(ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!ListenAddress.TryParse(options.Host, out _))
        {
            failures.Add($"--host must be an IP address or 'localhost', not '{options.Host}'.");
        }

        CheckRange(failures, "--port", options.Port, 0, 65_535);
        CheckRange(failures, "--max-line-bytes", options.MaxLineBytes, ServerDefaults.MinMaxLineBytes, ServerDefaults.MaxMaxLineBytes);
        CheckRange(failures, "--max-connections", options.MaxConnections, 1, ServerDefaults.MaxMaxConnections);
        CheckRange(failures, "--idle-timeout", options.IdleTimeoutSeconds, 1, ServerDefaults.MaxIdleTimeoutSeconds);
        CheckRange(failures, "--shutdown-timeout", options.ShutdownTimeoutSeconds, 0, ServerDefaults.MaxShutdownTimeoutSeconds);

        if (!Enum.IsDefined(options.LogLevel))
        {
            failures.Add($"--log-level '{options.LogLevel}' is not one of verbose, debug, information, warning, error.");
        }

        if (options.TracePath is not null && string.IsNullOrWhiteSpace(options.TracePath))
        {
            failures.Add("--trace needs a file name.");
        }

        if (!FaultSettings.TryCreate(options, out _, out IReadOnlyList<string> faultProblems))
        {
            failures.AddRange(faultProblems);
        }

        return failures;
    }

    private static void CheckRange(List<string> failures, string option, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{option} must be between {min:N0} and {max:N0}, not {value:N0}.");
        }
    }
}
