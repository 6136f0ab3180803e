using System.Buffers;
using System.IO.Pipelines;
using BenchmarkDotNet.Attributes;
using KeyValue.Server.Connections;

namespace KeyValue.Benchmarks;

/// <summary>
/// The whole request path, bytes in to reply bytes out: a real <see cref="ServerConnection"/> (its loop, idle watch,
/// framing, parsing, fault stage, store, reply writer and log stage) over an in-memory link, with the injector OFF and a
/// Serilog logger at warning (as with <c>--log-level warning</c>). Each operation writes one request (or 16 pipelined)
/// into the connection, which handles it and flushes the reply before the write returns; the benchmark then takes the
/// reply. The socket itself is all that is left out.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class RequestPathBenchmarks : IDisposable
{
    private QuietServer _server = null!;
    private InMemoryTransport _transport = null!;
    private ServerConnection _connection = null!;
    private Task<string> _running = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new QuietServer();
        var settings = new ConnectionSettings(Protocol.ProtocolLimits.DefaultMaxLineBytes, TimeSpan.FromMinutes(5), TimeProvider.System);
        _transport = new InMemoryTransport();
        _connection = new ServerConnection(1, _transport, _server.Handler, settings, _server.CreateLogger<ServerConnection>());
        _running = _connection.RunAsync();
        Run(RequestLines.SetStored);
        if (Run(RequestLines.GetHit) != "VALUE 0123456789abcdef\r\n"u8.Length)
        {
            throw new InvalidOperationException("The stored key did not read back.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _transport.ClientOutput.Complete();
        if (!_running.Wait(TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("The connection did not close.");
        }

        _connection.Dispose();
        _server.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "GET hit")]
    public long GetHit() => Run(RequestLines.GetHit);

    [Benchmark(Description = "GET miss")]
    public long GetMiss() => Run(RequestLines.GetMiss);

    [Benchmark(Description = "SET overwrite")]
    public long SetOverwrite() => Run(RequestLines.SetStored);

    [Benchmark(Description = "PING")]
    public long Ping() => Run(RequestLines.Ping);

    [Benchmark(Description = "16 pipelined (per request)", OperationsPerInvoke = RequestLines.PipelinedCount)]
    public long Pipelined16() => Run(RequestLines.Pipelined16);

    private long Run(byte[] requests)
    {
        PipeWriter output = _transport.ClientOutput;
        output.Write(requests);
        ValueTask<FlushResult> flush = output.FlushAsync();
        if (!flush.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException("The in-memory link must hand the request over synchronously.");
        }

        PipeReader input = _transport.ClientInput;
        if (!input.TryRead(out ReadResult replies))
        {
            throw new InvalidOperationException("The connection did not reply within the write.");
        }

        long length = replies.Buffer.Length;
        input.AdvanceTo(replies.Buffer.End);
        return length;
    }
}
