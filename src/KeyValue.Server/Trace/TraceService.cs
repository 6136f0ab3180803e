using KeyValue.Faults;
using KeyValue.Server.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Trace;

/// <summary>
/// Runs the trace writer for the server's lifetime. Registered before the listener, so it starts first (the start record
/// comes before any request) and stops last (after the connections have finished, so their records are in the file).
/// </summary>
internal sealed class TraceService : IHostedService, IDisposable
{
    private readonly ServerTrace _trace;
    private readonly FaultInjector _faults;
    private readonly FileStream _file;
    private readonly TraceFileWriter _writer;
    private readonly ILogger<TraceService> _logger;
    private Task? _loop;

    public TraceService(ServerTrace trace, FaultInjector faults, FileStream file, TimeProvider clock, TimeSpan flushInterval, ILogger<TraceService> logger)
    {
        _trace = trace;
        _faults = faults;
        _file = file;
        _logger = logger;
        _writer = new TraceFileWriter(trace, file, clock, flushInterval, logger);
    }

    /// <summary>The writer, for tests that wait until lines are in the file.</summary>
    public TraceFileWriter Writer => _writer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The state now, then every change after it, in order: the first line is the command line's spec and mode.
        _faults.Observe(_trace.OnFaultChange);
        _loop = _writer.RunAsync();
        ServerLog.TraceStarted(_logger, _trace.Path);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_loop is null)
        {
            return;
        }

        _faults.Changed -= _trace.OnFaultChange;
        _writer.Stop();

        // Not bounded by the shutdown timeout (which the connections may have used up): writing what is queued is
        // bounded work, and the point of stopping gracefully is a complete trace.
        await _loop.ConfigureAwait(false);
        long dropped = _trace.Dropped;
        if (dropped > 0)
        {
            ServerLog.TraceClosedWithDrops(_logger, _trace.Path, _writer.Requests, dropped);
        }
        else
        {
            ServerLog.TraceClosed(_logger, _trace.Path, _writer.Requests, dropped);
        }
    }

    public void Dispose()
    {
        // Reached without StopAsync only when start-up failed: stop the loop; it finds the file closed and ends.
        _writer.Stop();
        _file.Dispose();
        _writer.Dispose();
    }
}
