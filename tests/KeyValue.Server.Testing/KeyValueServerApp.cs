using KeyValue.Server.Hosting;
using KeyValue.Server.Options;
using KeyValue.Server.Trace;
using Serilog.Formatting.Display;

namespace KeyValue.Server.Testing;

/// <summary>
/// Runs the whole server inside a test process: the same command line, composition, listener and console as the
/// program, on a real socket, with no signal handling and the log in a <see cref="TextWriter"/>.
/// </summary>
public static class KeyValueServerApp
{
    /// <summary>
    /// Starts a server and returns once it listens. Pass <c>--port 0</c> for a free port and read it
    /// from <see cref="KeyValueServerHandle.EndPoint"/>.
    /// </summary>
    /// <param name="args">Command-line arguments, exactly as the program takes them.</param>
    /// <param name="consoleInput">Operator commands, read on a thread of their own; null for none (commands can still be given with <see cref="KeyValueServerHandle.ExecuteConsoleCommand"/>).</param>
    /// <param name="consoleOutput">Where answers to <paramref name="consoleInput"/> go; null discards them.</param>
    /// <param name="timeProvider">The clock (idle timeout, DELAY, FOR); null for the system clock.</param>
    /// <param name="logOutput">Where the log goes; null discards it.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="ArgumentException">The arguments are invalid or the <c>--trace</c> file cannot be written; the message names every problem (the program would exit 2).</exception>
    public static async Task<KeyValueServerHandle> StartAsync(
        IReadOnlyList<string> args,
        TextReader? consoleInput = null,
        TextWriter? consoleOutput = null,
        TimeProvider? timeProvider = null,
        TextWriter? logOutput = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var commandLine = new ServerCommandLine();
        var parseResult = commandLine.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, parseResult.Errors.Select(error => error.Message)), nameof(args));
        }

        ServerOptions options = commandLine.CreateOptions(parseResult, out IReadOnlyList<string> problems);
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(Environment.NewLine, problems), nameof(args));
        }

        var environment = new ServerHostEnvironment(
            consoleInput,
            consoleOutput ?? TextWriter.Null,
            timeProvider ?? TimeProvider.System,
            new TextWriterSink(logOutput ?? TextWriter.Null, new MessageTemplateTextFormatter(ServerHost.LogTemplate)),
            new NoSignalLifetime());
        try
        {
            return await KeyValueServerHandle.StartAsync(options, environment, cancellationToken);
        }
        catch (TraceFileException exception)
        {
            throw new ArgumentException(exception.Message, nameof(args), exception);
        }
    }
}
