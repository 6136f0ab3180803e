using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Trace;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyValue.Benchmarks;

/// <summary>
/// What <c>--trace</c> costs per data request: the request path's part (clock read and key copy into the connection's
/// batch; one channel write per 16, as for a read of 16 pipelined requests, drained at once here) and the writer's part
/// (formatting the JSON line), each alone.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TraceBenchmarks : IDisposable
{
    private readonly byte[] _key = Encoding.ASCII.GetBytes(RequestLines.StoredKey);
    private readonly ArrayBufferWriter<byte> _output = new(1024 * 1024);
    private ServerTrace _trace = null!;
    private ConnectionTrace _connection = null!;
    private TraceJson _json = null!;
    private TraceRecord _record;
    private FaultDecision _decision;

    [GlobalSetup]
    public void Setup()
    {
        _trace = new ServerTrace("bench.jsonl", TimeProvider.System, capacity: int.MaxValue, NullLogger<ServerTrace>.Instance);
        _connection = new ConnectionTrace(_trace, connectionId: 2);
        _json = new TraceJson(_output);
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.Parse("EVERY 3RD OF 5"));
        _decision = faults.Decide();
        _record = new TraceRecord
        {
            Kind = TraceRecordKind.Request,
            UtcTicks = _trace.Now(),
            RequestNumber = 3,
            Total = 17,
            ConnectionId = 2,
            Command = CommandKind.Set,
            Fault = TraceFault.Error,
            Reply = TraceReply.ErrUnavailable,
            Spec = _decision.SpecInForce,
            Mode = _decision.ModeInForce,
            Key = TraceKey.Copy(_key),
        };
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _json.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Description = "request path: clock + record, batch of 16 queued (per request)", OperationsPerInvoke = 16)]
    public bool RecordAndQueue()
    {
        for (int i = 0; i < 16; i++)
        {
            _connection.Request(_connection.Now(), _decision, CommandKind.Get, _key, TraceFault.None, TraceReply.Value);
        }

        _connection.Submit();
        bool taken = _trace.Reader.TryRead(out TraceBatch? batch);
        _trace.OnDrained(batch!.Requests);
        _trace.Return(batch);
        return taken;
    }

    [Benchmark(Description = "writer: format one request line")]
    public int Format()
    {
        if (_output.WrittenCount > 512 * 1024)
        {
            _output.ResetWrittenCount();
        }

        _json.WriteRequest(_record);
        return _output.WrittenCount;
    }
}
