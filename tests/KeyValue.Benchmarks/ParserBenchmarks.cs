using System.Buffers;
using BenchmarkDotNet.Attributes;
using KeyValue.Protocol;

namespace KeyValue.Benchmarks;

/// <summary>The protocol parser alone, over single-segment buffers as a socket read usually delivers them.</summary>
[Config(typeof(BenchmarkConfig))]
public class ParserBenchmarks
{
    [Benchmark(Description = "parse GET")]
    public CommandKind ParseGet() => ParseOne(RequestLines.GetHit);

    [Benchmark(Description = "parse SET")]
    public CommandKind ParseSet() => ParseOne(RequestLines.SetStored);

    [Benchmark(Description = "parse PING")]
    public CommandKind ParsePing() => ParseOne(RequestLines.Ping);

    [Benchmark(Description = "parse 16 pipelined (per request)", OperationsPerInvoke = RequestLines.PipelinedCount)]
    public int ParsePipelined16()
    {
        var buffer = new ReadOnlySequence<byte>(RequestLines.Pipelined16);
        int parsed = 0;
        while (RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out _) == RequestParseStatus.Request)
        {
            parsed++;
        }

        return parsed;
    }

    private static CommandKind ParseOne(byte[] line)
    {
        var buffer = new ReadOnlySequence<byte>(line);
        RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out ParsedRequest request);
        return request.Command;
    }
}
