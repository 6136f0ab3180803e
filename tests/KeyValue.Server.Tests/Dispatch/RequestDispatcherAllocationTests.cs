using System.Buffers;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Dispatch;
using KeyValue.Server.Store;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyValue.Server.Tests.Dispatch;

/// <summary>
/// The hot path with logging off (as at --log-level warning): parse, decide the fault, touch the store,
/// write the reply. A GET allocates nothing; a SET only the one array that stores its key and value; a request
/// failed by ERROR RETRY-AFTER nothing, its reply formatted when the mode was set.
/// </summary>
public class RequestDispatcherAllocationTests
{
    private const int Iterations = 1_000;

    [Fact]
    public void Dispatch_GetInSteadyState_AllocatesNothing()
    {
        var (dispatcher, output) = CreateDispatcher();
        byte[] set = "SET some:key 0123456789abcdef\r\n"u8.ToArray();
        byte[] get = "GET some:key\r\n"u8.ToArray();
        Run(dispatcher, output, set);
        Run(dispatcher, output, get);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Run(dispatcher, output, get);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.EndsWith("VALUE 0123456789abcdef\r\n", System.Text.Encoding.ASCII.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    [Fact]
    public void Dispatch_SetOfAnExistingKey_AllocatesOnlyTheStoredKeyAndValue()
    {
        var (dispatcher, output) = CreateDispatcher();
        byte[] set = "SET some:key 0123456789abcdef\r\n"u8.ToArray();
        Run(dispatcher, output, set);

        // One array holds the stored key and value (with a 2-byte key length): nothing else is allocated.
        long storedEntryBytes = MeasureAllocation(() => new byte[2 + "some:key".Length + "0123456789abcdef".Length]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Run(dispatcher, output, set);
        }

        Assert.Equal(storedEntryBytes * Iterations, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Dispatch_FailingWithRetryAfterInSteadyState_AllocatesNothing()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.On);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var (dispatcher, output) = CreateDispatcher(faults);
        byte[] get = "GET some:key\r\n"u8.ToArray();
        Run(dispatcher, output, get);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Iterations; i++)
        {
            Run(dispatcher, output, get);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("ERR UNAVAILABLE retry-after=3000 injected fault; the command was not applied\r\n", System.Text.Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Dispatch_FirstFailureAfterANewRetryAfterIsSet_AllocatesNothing_TheReplyWasFormattedWhenTheModeWasSet()
    {
        var faults = new FaultInjector(TimeProvider.System, defaultSeed: 1);
        faults.SetSpec(FaultSpec.On);
        faults.SetMode(FaultMode.Parse("ERROR RETRY-AFTER 3s"));
        var (dispatcher, output) = CreateDispatcher(faults);
        byte[] get = "GET some:key\r\n"u8.ToArray();
        Run(dispatcher, output, get);

        faults.SetMode(FaultMode.CreateErrorRetryAfter(TimeSpan.FromTicks(50_001)));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Run(dispatcher, output, get);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("ERR UNAVAILABLE retry-after=6 injected fault; the command was not applied\r\n", System.Text.Encoding.ASCII.GetString(output.WrittenSpan));
    }

    private static (RequestDispatcher Dispatcher, ArrayBufferWriter<byte> Output) CreateDispatcher() =>
        CreateDispatcher(new FaultInjector(TimeProvider.System, defaultSeed: 1));

    private static (RequestDispatcher Dispatcher, ArrayBufferWriter<byte> Output) CreateDispatcher(FaultInjector faults)
    {
        var dispatcher = new RequestDispatcher(new KeyValueStore(), faults, NullLogger<RequestDispatcher>.Instance);
        return (dispatcher, new ArrayBufferWriter<byte>(4096));
    }

    private static void Run(RequestDispatcher dispatcher, ArrayBufferWriter<byte> output, byte[] line)
    {
        output.ResetWrittenCount();
        var buffer = new ReadOnlySequence<byte>(line);
        RequestParseStatus status = RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out ParsedRequest request);
        DispatchResult result = dispatcher.Dispatch(status, request, output, connectionId: 1);

        // Checked without Assert, which allocates.
        if (result.Action != DispatchAction.Continue)
        {
            throw new InvalidOperationException($"Unexpected action {result.Action}.");
        }
    }

    private static long MeasureAllocation(Func<byte[]> allocate)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(allocate());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
