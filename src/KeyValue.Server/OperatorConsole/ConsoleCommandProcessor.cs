using KeyValue.Faults;
using KeyValue.Server.Connections;
using KeyValue.Server.Logging;
using KeyValue.Server.Options;
using KeyValue.Server.Store;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.OperatorConsole;

/// <summary>
/// The operator's commands: <c>FAIL &lt;spec&gt;</c>, <c>FAIL MODE &lt;mode&gt;</c>, <c>STATUS</c>, <c>HELP</c>
/// (case-insensitive). A bad command, spec or mode prints an error and changes nothing.
/// Works over any <see cref="TextReader"/>/<see cref="TextWriter"/>, so tests need no real stdin.
/// </summary>
internal sealed class ConsoleCommandProcessor
{
    public const string HelpText =
        "commands: FAIL <spec> | FAIL MODE <mode> | STATUS | HELP\n" +
        "  specs: OFF, ON, EVERY <k> OF <m>, PATTERN <p> (. pass, x fail), CHANCE <p> [SEED <n>], NEXT <n>, FOR <duration>\n" +
        "  modes: ERROR, ERROR RETRY-AFTER <duration>, DELAY <duration>, DROP, HANG";

    private static readonly char[] Separators = [' ', '\t'];

    private readonly FaultInjector _faults;
    private readonly ConnectionRegistry _connections;
    private readonly IKeyValueStore _store;
    private readonly ILogger<ConsoleCommandProcessor> _logger;

    public ConsoleCommandProcessor(FaultInjector faults, ConnectionRegistry connections, IKeyValueStore store, ILogger<ConsoleCommandProcessor> logger)
    {
        _faults = faults;
        _connections = connections;
        _store = store;
        _logger = logger;
    }

    /// <summary>
    /// Reads commands until the end of input (or cancellation). Blocks on the reader: run it on its own thread. A line
    /// longer than <see cref="ServerDefaults.ConsoleMaxLineLength"/> gets one error and is discarded as it is read.
    /// </summary>
    public void Run(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var lines = new ConsoleLineReader(input, ServerDefaults.ConsoleMaxLineLength);
        while (!cancellationToken.IsCancellationRequested && lines.TryReadLine(out string? line, out bool tooLong))
        {
            if (tooLong)
            {
                // Neither answered nor logged with the line itself: it could be anything, of any size.
                string answer = $"error: a console line is at most {ServerDefaults.ConsoleMaxLineLength:N0} characters; this one was longer and is ignored (nothing changed)";
                output.WriteLine(answer);
                output.Flush();
                ServerLog.ConsoleCommand(_logger, "<line too long>", answer);
                continue;
            }

            Execute(line!, output);
        }
    }

    /// <summary>Runs one command line and writes its answer; a blank line is ignored.</summary>
    public void Execute(string line, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(output);
        string command = line.Trim();
        if (command.Length == 0)
        {
            return;
        }

        string answer = Answer(command);
        output.WriteLine(answer);
        output.Flush();
        string oneLine = answer.ReplaceLineEndings(" | ");
        ServerLog.ConsoleCommand(_logger, command, oneLine);
    }

    private string Answer(string command)
    {
        string[] words = command.Split(Separators, 3, StringSplitOptions.RemoveEmptyEntries);
        string verb = words[0];
        if (verb.Equals("HELP", StringComparison.OrdinalIgnoreCase) && words.Length == 1)
        {
            return HelpText;
        }

        if (verb.Equals("STATUS", StringComparison.OrdinalIgnoreCase) && words.Length == 1)
        {
            return Status();
        }

        if (!verb.Equals("FAIL", StringComparison.OrdinalIgnoreCase))
        {
            return $"error: unknown command '{command}'; try HELP";
        }

        string rest = command[verb.Length..].Trim();
        if (rest.Length == 0)
        {
            return "error: FAIL needs a spec (FAIL <spec>) or a mode (FAIL MODE <mode>); try HELP";
        }

        if (words.Length >= 2 && words[1].Equals("MODE", StringComparison.OrdinalIgnoreCase))
        {
            string modeText = rest["MODE".Length..].Trim();
            return _faults.TrySetMode(modeText, SpecSources.Console, out string? modeError)
                ? $"ok: fault mode is now {_faults.Mode}"
                : $"error: invalid fault mode '{modeText}': {modeError} (nothing changed)";
        }

        return _faults.TrySetSpec(rest, SpecSources.Console, out string? specError)
            ? $"ok: fault spec is now {_faults.Spec} (request count restarts at 1)"
            : $"error: invalid fault spec '{rest}': {specError} (nothing changed)";
    }

    private string Status()
    {
        FaultStatus status = _faults.GetStatus();
        return $"{status}, open connections {_connections.OpenCount}, keys {_store.Count}";
    }
}
