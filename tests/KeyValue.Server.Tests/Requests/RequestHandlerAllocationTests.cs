using System.Buffers;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Requests;
using KeyValue.Server.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyValue.Server.Tests.Requests;

/// <summary>
/// The hot path with logging off (as at --log-level warning): parse, decide the fault, touch the store,
/// write the reply. A GET allocates nothing; a SET only the one array that stores its key and value; a request
/// failed by ERROR RETRY-AFTER nothing, its reply formatted when the mode was set.
/// </summary>
public class RequestHandlerAllocationTests
{
    private const int Iterations = 1_000;

    [Fact]
    public void Handle_GetInSteadyState_AllocatesNothing()
    {
        var (handler, output) = CreateHandler();
        byte[] set = "SET some:key 0123456789abcdef\r\n"u8.ToArray();
        byte[] get = "GET some:key\r\n"u8.ToArray();
        Run(handler, output, set);
        Run(handler, output, get);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Run(handler, output, get);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.EndsWith("VALUE 0123456789abcdef\r\n", System.Text.Encoding.ASCII.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_SetOfAnExistingKey_AllocatesOnlyTheStoredKeyAndValue()
    {
        var (handler, output) = CreateHandler();
        byte[] set = "SET some:key 0123456789abcdef\r\n"u8.ToArray();
        Run(handler, output, set);

        // One array holds the stored key and value (with a 2-byte key length): nothing else is allocated.
        long storedEntryBytes = MeasureAllocation(() => new byte[2 + "some:key".Length + "0123456789abcdef".Length]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Run(handler, output, set);
        }

        Assert.Equal(storedEntryBytes * Iterations, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Handle_FailingWithRetryAfterInSteadyState_AllocatesNothing()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.On);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var (handler, output) = CreateHandler(faults);
        byte[] get = "GET some:key\r\n"u8.ToArray();
        Run(handler, output, get);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Run(handler, output, get);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied\r\n", System.Text.Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Handle_FirstFailureAfterANewRetryAfterIsSet_AllocatesNothing_TheReplyWasFormattedWhenTheModeWasSet()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.On);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var (handler, output) = CreateHandler(faults);
        byte[] get = "GET some:key\r\n"u8.ToArray();
        Run(handler, output, get);

        faults.SetMode(FaultMode.CreateErrorRetryAfter(TimeSpan.FromTicks(50_001)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(handler, output, get);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("ERR UNAVAILABLE retry-after=6 injected fault; the command was not applied\r\n", System.Text.Encoding.ASCII.GetString(output.WrittenSpan));
    }

    private static (RequestHandler Handler, ArrayBufferWriter<byte> Output) CreateHandler() =>
        CreateHandler(new FaultInjector(TimeProvider.System, defaultSeed: 1));

    private static (RequestHandler Handler, ArrayBufferWriter<byte> Output) CreateHandler(FaultInjector faults)
    {
        var handler = new RequestHandler(new KeyValueStore(), new FaultStage(faults), new RequestLog(NullLogger<RequestHandler>.Instance));
        return (handler, new ArrayBufferWriter<byte>(4096));
    }

    private static void Run(RequestHandler handler, ArrayBufferWriter<byte> output, byte[] line)
    {
        output.ResetWrittenCount();
        var buffer = new ReadOnlySequence<byte>(line);
        RequestParseStatus status = RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out ParsedRequest request);
        RequestStep step = handler.Handle(status, request, output, connectionId: 1, trace: null);

        // Checked without Assert, which allocates.
        if (step.Kind != RequestStepKind.Replied)
        {
            throw new InvalidOperationException($"Unexpected step {step.Kind}.");
        }
    }

    private static long MeasureAllocation(Func<byte[]> allocate)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(allocate());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
