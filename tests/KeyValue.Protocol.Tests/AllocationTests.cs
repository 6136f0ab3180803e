using System.Buffers;

namespace KeyValue.Protocol.Tests;

/// <summary>The hot path, parse a request and write its reply, allocates nothing on the calling thread.</summary>
public class AllocationTests
{
    [Fact]
    public void ParseAndReply_SteadyState_AllocatesNothing()
    {
        byte[] script = TestSequence.Bytes("GET some-key\r\nSET some-key some value\r\nDEL some-key\n\nPING\r\nFOO\nGET\n");
        var segmented = TestSequence.Split(script, 5);
        var single = new ReadOnlySequence<byte>(script);
        byte[] value = TestSequence.Bytes("some value");
        var output = new ArrayBufferWriter<byte>(1 << 20);

        RunMany(single, segmented, value, output, 200);
        output.ResetWrittenCount();

        long before = GC.GetAllocatedBytesForCurrentThread();
        RunMany(single, segmented, value, output, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(output.WrittenCount > 0);
    }

    [Fact]
    public void RetryAfterReply_WriteAndParse_SteadyState_AllocatesNothing()
    {
        var reply = new RetryAfterReply(TimeSpan.FromSeconds(3));
        var output = new ArrayBufferWriter<byte>(1 << 16);
        reply.WriteTo(output);
        byte[] line = output.WrittenSpan.ToArray();
        var single = new ReadOnlySequence<byte>(line);
        var segmented = TestSequence.Split(line, 5);
        long sum = WriteAndParseMany(reply, output, single, segmented, 200);

        long before = GC.GetAllocatedBytesForCurrentThread();
        sum += WriteAndParseMany(reply, output, single, segmented, 1000);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(1200 * 2 * 3000L, sum);
    }

    private static long WriteAndParseMany(RetryAfterReply reply, ArrayBufferWriter<byte> output, ReadOnlySequence<byte> single, ReadOnlySequence<byte> segmented, int times)
    {
        long milliseconds = 0;
        for (int i = 0; i < times; i++)
        {
            output.ResetWrittenCount();
            reply.WriteTo(output);
            milliseconds += ParseRetryAfterMilliseconds(single) + ParseRetryAfterMilliseconds(segmented);
        }

        return milliseconds;
    }

    private static long ParseRetryAfterMilliseconds(ReadOnlySequence<byte> buffer)
    {
        ReplyParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out var parsed);
        return (long)(parsed.RetryAfter ?? TimeSpan.Zero).TotalMilliseconds;
    }

    private static void RunMany(ReadOnlySequence<byte> single, ReadOnlySequence<byte> segmented, byte[] value, ArrayBufferWriter<byte> output, int times)
    {
        Span<byte> scratch = stackalloc byte[ProtocolLimits.MaxKeyBytes];
        for (int i = 0; i < times; i++)
        {
            output.ResetWrittenCount();
            var buffer = i % 2 == 0 ? single : segmented;
            while (true)
            {
                var status = RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out var request);
                if (status == RequestParseStatus.NeedMoreData)
                {
                    break;
                }

                if (status == RequestParseStatus.Error)
                {
                    ReplyWriter.WriteRequestError(output, request);
                    continue;
                }

                _ = request.GetKeySpan(scratch);
                switch (request.Command)
                {
                    case CommandKind.Get:
                        ReplyWriter.WriteValue(output, value);
                        break;
                    case CommandKind.Set:
                        ReplyWriter.WriteOk(output);
                        break;
                    case CommandKind.Del:
                        ReplyWriter.WriteDeleted(output);
                        break;
                    case CommandKind.Ping:
                        ReplyWriter.WritePong(output);
                        break;
                    default:
                        break;
                }
            }

            ReplyWriter.WriteError(output, ErrorCode.Unavailable);
        }
    }
}
