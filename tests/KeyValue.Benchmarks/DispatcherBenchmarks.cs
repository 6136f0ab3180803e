using System.Buffers;
using BenchmarkDotNet.Attributes;
using KeyValue.Protocol;
using KeyValue.Server.Requests;

namespace KeyValue.Benchmarks;

/// <summary>
/// Parse + the request handler's stages (fault, store, reply, log), as the connection loop does it per request: the real store, the fault injector OFF, a
/// Serilog logger at warning (as with <c>--log-level warning</c>), and replies written into a reusable buffer
/// writer (the connection's PipeWriter plays that part in the server).
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class DispatcherBenchmarks : IDisposable
{
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private QuietServer _server = null!;
    private RequestHandler _handler = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = new QuietServer();
        _handler = _server.Handler;
        Run(RequestLines.SetStored);
        if (Run(RequestLines.GetHit) != "VALUE 0123456789abcdef\r\n"u8.Length)
        {
            throw new InvalidOperationException("The stored key did not read back.");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _server.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "GET hit")]
    public int GetHit() => Run(RequestLines.GetHit);

    [Benchmark(Description = "GET miss")]
    public int GetMiss() => Run(RequestLines.GetMiss);

    [Benchmark(Description = "SET overwrite")]
    public int SetOverwrite() => Run(RequestLines.SetStored);

    // The store's size stays constant: each invocation adds the key and removes it again.
    [Benchmark(Description = "SET new key + DEL it")]
    public int SetNewKeyThenDel() => Run(RequestLines.SetNew) + Run(RequestLines.DelNew);

    [Benchmark(Description = "DEL missing")]
    public int DelMissing() => Run(RequestLines.DelMissing);

    [Benchmark(Description = "PING")]
    public int Ping() => Run(RequestLines.Ping);

    [Benchmark(Description = "16 pipelined (per request)", OperationsPerInvoke = RequestLines.PipelinedCount)]
    public int Pipelined16()
    {
        _output.ResetWrittenCount();
        var buffer = new ReadOnlySequence<byte>(RequestLines.Pipelined16);
        RequestParseStatus status;
        while ((status = RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out ParsedRequest request)) != RequestParseStatus.NeedMoreData)
        {
            _handler.Handle(status, request, _output, connectionId: 1, trace: null);
        }

        return _output.WrittenCount;
    }

    private int Run(byte[] line)
    {
        _output.ResetWrittenCount();
        var buffer = new ReadOnlySequence<byte>(line);
        RequestParseStatus status = RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out ParsedRequest request);
        _handler.Handle(status, request, _output, connectionId: 1, trace: null);
        return _output.WrittenCount;
    }
}
