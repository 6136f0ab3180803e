using System.Security.Cryptography;
using KeyValue.Faults;
using KeyValue.Server.Connections;
using KeyValue.Server.Logging;
using KeyValue.Server.OperatorConsole;
using KeyValue.Server.Options;
using KeyValue.Server.Requests;
using KeyValue.Server.Store;
using KeyValue.Server.Trace;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Core;

namespace KeyValue.Server.Hosting;

/// <summary>Composes the server: one place for the program and for in-process test servers.</summary>
internal static class ServerHost
{
    public const string LogTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    /// <exception cref="TraceFileException">The <c>--trace</c> file cannot be written.</exception>
    public static IHost Build(ServerOptions options, ServerHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);

        // Opened now, before anything starts: a file the server cannot write is a usage error, not a surprise later.
        FileStream? traceFile = options.TracePath is null ? null : TraceFile.Open(options.TracePath);

        // No default configuration sources or logging providers: the command line is the only input
        // and Serilog the only log output.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = AppContext.BaseDirectory,
        });

        IServiceCollection services = builder.Services;
        services.AddOptions<ServerOptions>().Configure(options.CopyTo).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ServerOptions>, ServerOptionsValidator>();
        services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);
        if (environment.Lifetime is { } lifetime)
        {
            services.AddSingleton(lifetime);
        }

        services.AddSerilog((_, logger) => ConfigureLogger(logger, options.LogLevel, environment.LogSink), preserveStaticLogger: true);

        services.AddSingleton(environment.TimeProvider);
        services.AddSingleton(new OperatorConsoleStreams(environment.ConsoleInput, environment.ConsoleOutput));
        services.AddSingleton<IKeyValueStore, KeyValueStore>();
        services.AddSingleton(provider => CreateFaultInjector(provider.GetRequiredService<IOptions<ServerOptions>>().Value, environment.TimeProvider));
        services.AddSingleton<ConnectionRegistry>();
        services.AddSingleton<IFaultStage, FaultStage>();
        services.AddSingleton<RequestLog>();
        services.AddSingleton<RequestHandler>();
        services.AddSingleton<ServerEndpoint>();
        services.AddSingleton<ConsoleCommandProcessor>();
        AddTrace(services, traceFile, environment.TimeProvider);
        services.AddHostedService<ListenerService>();
        services.AddHostedService<OperatorConsoleService>();
        return builder.Build();
    }

    public static LogEventLevel ToSerilogLevel(ServerLogLevel level) => level switch
    {
        ServerLogLevel.Verbose => LogEventLevel.Verbose,
        ServerLogLevel.Debug => LogEventLevel.Debug,
        ServerLogLevel.Warning => LogEventLevel.Warning,
        ServerLogLevel.Error => LogEventLevel.Error,
        _ => LogEventLevel.Information,
    };

    private static void ConfigureLogger(LoggerConfiguration logger, ServerLogLevel level, ILogEventSink? sink)
    {
        logger.MinimumLevel.Is(ToSerilogLevel(level))
            // The host's own start-up chatter would bury the requests; its warnings still show.
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override(ServerLog.LifecycleCategory, LogEventLevel.Information)
            .Enrich.FromLogContext();
        if (sink is null)
        {
            // Logs on stderr, so that stdout carries only the console's answers.
            logger.WriteTo.Console(outputTemplate: LogTemplate, standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: null);
        }
        else
        {
            logger.WriteTo.Sink(sink);
        }
    }

    // Registered before the listener: the trace starts first and stops last.
    private static void AddTrace(IServiceCollection services, FileStream? traceFile, TimeProvider timeProvider)
    {
        if (traceFile is null)
        {
            return;
        }

        services.AddSingleton(provider => new ServerTrace(
            traceFile.Name,
            timeProvider,
            ServerDefaults.TraceQueueCapacity,
            provider.GetRequiredService<ILogger<ServerTrace>>()));

        // Created by a factory, so the container disposes it (and with it the file) with the host.
        services.AddHostedService(provider => new TraceService(
            provider.GetRequiredService<ServerTrace>(),
            provider.GetRequiredService<FaultInjector>(),
            traceFile,
            timeProvider,
            ServerDefaults.TraceFlushInterval,
            provider.GetRequiredService<ILogger<TraceService>>()));
    }

    private static FaultInjector CreateFaultInjector(ServerOptions options, TimeProvider timeProvider)
    {
        if (!FaultSettings.TryCreate(options, out FaultSettings? settings, out IReadOnlyList<string> problems))
        {
            throw new OptionsValidationException(nameof(ServerOptions), typeof(ServerOptions), problems);
        }

        long seed = options.Seed ?? BitConverter.ToInt64(RandomNumberGenerator.GetBytes(sizeof(long)));
        var injector = new FaultInjector(timeProvider, seed);
        injector.SetSpec(settings.Spec, SpecSources.CommandLine);
        injector.SetMode(settings.Mode, SpecSources.CommandLine);
        return injector;
    }
}
