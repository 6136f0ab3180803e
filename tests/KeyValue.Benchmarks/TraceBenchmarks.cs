using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyValue.Benchmarks;

/// <summary>
/// What <c>--trace</c> costs per data request on the request path: a clock read per read and the request line formatted
/// into the connection's chunk, with one chunk handed over per 16 lines (as for a read of 16 pipelined requests) and taken
/// back at once here; and the line's formatting alone.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TraceBenchmarks
{
    private readonly byte[] _key = Encoding.ASCII.GetBytes(RequestLines.StoredKey);
    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private ServerTrace _trace = null!;
    private ConnectionTrace _connection = null!;
    private RequestLineFormatter _formatter = null!;
    private FaultDecision _decision;

    [GlobalSetup]
    public void Setup()
    {
        _trace = new ServerTrace("bench.jsonl", TimeProvider.System, capacity: int.MaxValue, NullLogger<ServerTrace>.Instance);
        _connection = new ConnectionTrace(_trace, connectionId: 2);
        _formatter = new RequestLineFormatter(_output);
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.Parse("EVERY 3RD OF 5"));
        _decision = faults.Decide();
    }

    [Benchmark(Description = "request path: 16 lines into a chunk, queued (per request)", OperationsPerInvoke = 16)]
    public bool RecordAndQueue()
    {
        _connection.BeginRead();
        for (int i = 0; i < 16; i++)
        {
            _connection.Request(_connection.Now, _decision, CommandKind.Get, _key, TraceFault.None, TraceReply.Value);
        }

        _connection.Submit();
        bool taken = _trace.Reader.TryRead(out TraceItem item);
        _trace.OnDrained(item.Requests);
        _trace.ReturnChunk(item.Lines!);
        return taken;
    }

    [Benchmark(Description = "format one request line")]
    public int Format()
    {
        if (_output.WrittenCount > 512 * 1024)
        {
            _output.ResetWrittenCount();
        }

        _formatter.Write(_trace.Now(), _decision, 2, CommandKind.Set, _key, TraceFault.Error, TraceReply.ErrUnavailable);
        return _output.WrittenCount;
    }
}
