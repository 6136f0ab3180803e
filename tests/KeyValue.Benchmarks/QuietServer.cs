using KeyValue.Faults;
using KeyValue.Server.Requests;
using KeyValue.Server.Store;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace KeyValue.Benchmarks;

/// <summary>
/// What the request benchmarks measure against: the real store, the fault injector OFF and a Serilog logger at warning
/// (as with <c>--log-level warning</c>), behind the server's own request handler.
/// </summary>
internal sealed class QuietServer : IDisposable
{
    private readonly SerilogLoggerFactory _loggerFactory;

    public QuietServer()
    {
        Serilog.Core.Logger serilog = new LoggerConfiguration().MinimumLevel.Is(LogEventLevel.Warning).CreateLogger();
        _loggerFactory = new SerilogLoggerFactory(serilog, dispose: true);
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.Off);
        Handler = new RequestHandler(new KeyValueStore(), new FaultStage(faults), new RequestLog(CreateLogger<RequestHandler>()));
    }

    public RequestHandler Handler { get; }

    public ILogger<T> CreateLogger<T>() => _loggerFactory.CreateLogger<T>();

    public void Dispose() => _loggerFactory.Dispose();
}
