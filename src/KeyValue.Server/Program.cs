using KeyValue.Server.Hosting;
using KeyValue.Server.Options;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

// Until the host's logger exists, start-up failures go through this one (to stderr, like every log).
Log.Logger = new LoggerConfiguration()
    .WriteTo.Console(outputTemplate: ServerHost.LogTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: null)
    .CreateBootstrapLogger();

try
{
    var commandLine = new ServerCommandLine();
    var parseResult = commandLine.Parse(args);
    if (parseResult.Errors.Count > 0)
    {
        // System.CommandLine would exit 1; a usage error is 2 here.
        foreach (var error in parseResult.Errors)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}");
        }

        await Console.Error.WriteLineAsync("Try --help.");
        return 2;
    }

    commandLine.Root.SetAction(async (result, cancellationToken) =>
    {
        ServerOptions options = commandLine.CreateOptions(result, out IReadOnlyList<string> problems);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await Console.Error.WriteLineAsync($"error: {problem}");
            }

            return 2;
        }

        var environment = new ServerHostEnvironment(Console.In, Console.Out, TimeProvider.System);
        IHost built;
        try
        {
            built = ServerHost.Build(options, environment);
        }
        catch (TraceFileException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 2;
        }

        using IHost host = built;
        try
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }
        catch (ListenFailedException exception)
        {
            await Console.Error.WriteLineAsync($"error: {exception.Message}");
            return 1;
        }
    });

    // The host handles SIGINT/SIGTERM itself (graceful stop within --shutdown-timeout), not System.CommandLine.
    // Unexpected errors reach the catch below rather than System.CommandLine's own handler.
    return await parseResult.InvokeAsync(new System.CommandLine.InvocationConfiguration
    {
        ProcessTerminationTimeout = null,
        EnableDefaultExceptionHandler = false,
    });
}
#pragma warning disable CA1031 // The last line of defence: report, and exit non-zero.
catch (Exception exception)
#pragma warning restore CA1031
{
    Log.Fatal(exception, "The server stopped after an unexpected error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}
