using KeyValue.Server.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.OperatorConsole;

/// <summary>
/// Reads operator commands on a thread of its own: a blocking read never holds up start-up or
/// shutdown, and the end of input (or no input at all, as under CI or nohup) only ends the console.
/// </summary>
internal sealed class OperatorConsoleService : BackgroundService
{
    private readonly ConsoleCommandProcessor _processor;
    private readonly OperatorConsoleStreams _streams;
    private readonly ILogger<OperatorConsoleService> _logger;
    private readonly ILogger _lifecycleLogger;

    public OperatorConsoleService(
        ConsoleCommandProcessor processor,
        OperatorConsoleStreams streams,
        ILoggerFactory loggerFactory,
        ILogger<OperatorConsoleService> logger)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _processor = processor;
        _streams = streams;
        _logger = logger;
        _lifecycleLogger = loggerFactory.CreateLogger(ServerLog.LifecycleCategory);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TextReader? input = _streams.Input;
        if (input is null)
        {
            return;
        }

        Task reading = Task.Factory.StartNew(
            () => ReadCommands(input, stoppingToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        try
        {
            // On stop, stop waiting: the reader thread may stay blocked in ReadLine until the process exits.
            await reading.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void ReadCommands(TextReader input, CancellationToken stoppingToken)
    {
        try
        {
            _processor.Run(input, _streams.Output, stoppingToken);
            if (!stoppingToken.IsCancellationRequested)
            {
                ServerLog.ConsoleInputEnded(_lifecycleLogger);
            }
        }
#pragma warning disable CA1031 // A broken console must never stop the server.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ServerLog.ConsoleFailed(_logger, exception);
        }
    }
}
