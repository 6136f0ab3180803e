using System.CommandLine;
using System.Globalization;

namespace KeyValue.Server.Options;

/// <summary>
/// The server's command line (System.CommandLine): every option of <see cref="ServerOptions"/>, with
/// its default, and the mapping from a parse result to the options.
/// </summary>
internal sealed class ServerCommandLine
{
    private readonly Option<string> _host = new("--host")
    {
        HelpName = "address",
        Description = "The IP address to listen on (or localhost).",
        DefaultValueFactory = _ => ServerDefaults.Host,
    };

    private readonly Option<int> _port = new("--port")
    {
        HelpName = "port",
        Description = "The TCP port; 0 picks a free one (see the 'listening on' log line).",
        DefaultValueFactory = _ => ServerDefaults.Port,
    };

    // Several tokens are accepted so that both --fail "every 3rd of 5" and --fail every 3rd of 5 work.
    private readonly Option<string[]> _fail = new("--fail")
    {
        HelpName = "spec",
        Description = "The fault spec: OFF, ON, EVERY <k> OF <m>, PATTERN <p>, CHANCE <p> [SEED <n>], NEXT <n>, FOR <duration>. Default OFF.",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<double?> _failChance = new("--fail-chance", "--fail_chance")
    {
        HelpName = "p",
        Description = "Fail each data request with probability p in [0, 1]; the same as --fail \"chance <p>\".",
    };

    private readonly Option<string[]> _failMode = new("--fail-mode")
    {
        HelpName = "mode",
        Description = "How a failing request fails: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP or HANG. Default ERROR.",
        AllowMultipleArgumentsPerToken = true,
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<long?> _seed = new("--seed")
    {
        HelpName = "n",
        Description = "The seed for a CHANCE spec that names none (default: a random seed).",
    };

    private readonly Option<int> _maxLineBytes = new("--max-line-bytes")
    {
        HelpName = "bytes",
        Description = "The longest request line in bytes, without its LF or CRLF: 1 to 16,777,216. A longer request gets ERR LINE_TOO_LONG and the connection is closed (PING needs 4 bytes, GET k 5).",
        DefaultValueFactory = _ => ServerDefaults.MaxLineBytes,
    };

    private readonly Option<int> _maxConnections = new("--max-connections")
    {
        HelpName = "n",
        Description = "Connections served at once; one more is answered ERR BUSY and closed.",
        DefaultValueFactory = _ => ServerDefaults.MaxConnections,
    };

    private readonly Option<int> _idleTimeout = new("--idle-timeout")
    {
        HelpName = "seconds",
        Description = "Seconds a connection may wait on its client (sending nothing, or reading none of its replies) before the server closes it.",
        DefaultValueFactory = _ => ServerDefaults.IdleTimeoutSeconds,
    };

    private readonly Option<int> _shutdownTimeout = new("--shutdown-timeout")
    {
        HelpName = "seconds",
        Description = "Seconds in-flight requests get to finish on SIGINT/SIGTERM before connections are cut.",
        DefaultValueFactory = _ => ServerDefaults.ShutdownTimeoutSeconds,
    };

    private readonly Option<ServerLogLevel> _logLevel = new("--log-level")
    {
        HelpName = "level",
        Description = "The minimum level logged: verbose, debug, information, warning, error. Warning makes it quiet for load.",
        DefaultValueFactory = _ => ServerDefaults.LogLevel,
    };

    private readonly Option<string?> _trace = new("--trace")
    {
        HelpName = "file",
        Description = "Write a JSON Lines trace of every fault spec change and data request (with its fault and reply) to this file.",
    };

    public ServerCommandLine()
    {
        Root = new RootCommand(
            "The key-value server: a text-line TCP protocol that fails on a schedule, at random, or on operator command. " +
            "Type FAIL <spec>, FAIL MODE <mode>, STATUS or HELP into its console.")
        {
            _host, _port, _fail, _failChance, _failMode, _seed, _maxLineBytes, _maxConnections, _idleTimeout, _shutdownTimeout, _logLevel, _trace,
        };
    }

    public RootCommand Root { get; }

    public ParseResult Parse(IReadOnlyList<string> args) => Root.Parse(args);

    /// <summary>
    /// Builds the options from a parse without errors and checks them; on failure returns every problem,
    /// each naming its option.
    /// </summary>
    public ServerOptions CreateOptions(ParseResult parseResult, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var found = new List<string>();
        string[]? fail = parseResult.GetValue(_fail);
        double? failChance = parseResult.GetValue(_failChance);
        string faultSpec = ServerDefaults.FaultSpec;
        if (fail is { Length: > 0 } && failChance is not null)
        {
            found.Add("--fail and --fail-chance both set the fault spec: give only one of them.");
        }
        else if (failChance is { } chance)
        {
            faultSpec = "CHANCE " + chance.ToString("R", CultureInfo.InvariantCulture);
        }
        else if (fail is { Length: > 0 })
        {
            faultSpec = string.Join(' ', fail);
        }

        string[]? failMode = parseResult.GetValue(_failMode);
        var options = new ServerOptions
        {
            Host = parseResult.GetValue(_host) ?? ServerDefaults.Host,
            Port = parseResult.GetValue(_port),
            FaultSpec = faultSpec,
            FaultMode = failMode is { Length: > 0 } ? string.Join(' ', failMode) : ServerDefaults.FaultMode,
            Seed = parseResult.GetValue(_seed),
            MaxLineBytes = parseResult.GetValue(_maxLineBytes),
            MaxConnections = parseResult.GetValue(_maxConnections),
            IdleTimeoutSeconds = parseResult.GetValue(_idleTimeout),
            ShutdownTimeoutSeconds = parseResult.GetValue(_shutdownTimeout),
            LogLevel = parseResult.GetValue(_logLevel),
            TracePath = parseResult.GetValue(_trace),
        };

        found.AddRange(ServerOptionsValidator.Check(options));
        problems = found;
        return options;
    }
}
