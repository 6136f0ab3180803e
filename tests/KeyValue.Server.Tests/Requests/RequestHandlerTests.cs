using System.Buffers;
using System.Text;
using KeyValue.Faults;
using KeyValue.Protocol;
using KeyValue.Server.Requests;
using KeyValue.Server.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KeyValue.Server.Tests.Requests;

/// <summary>The handler's stages alone: a scripted fault stage and a store in a dictionary, replies in a buffer.</summary>
public class RequestHandlerTests
{
    private readonly FakeKeyValueStore _store = new();
    private readonly ArrayBufferWriter<byte> _output = new();

    [Theory]
    [InlineData("PING", "PONG\r\n", "Replied")]
    [InlineData("QUIT", "BYE\r\n", "Quit")]
    [InlineData("NOPE", "ERR UNKNOWN_COMMAND ", "Replied")]
    [InlineData("GET", "ERR BAD_ARGUMENTS ", "Replied")]
    public void Handle_NotADataRequest_RepliedWithoutAskingTheFaultStageOrTheStore(string line, string replyStart, string kind)
    {
        var faults = new ScriptedFaultStage(FaultMode.Drop);
        RequestHandler handler = Create(faults);

        RequestStep step = Handle(handler, line, out _);

        Assert.Equal(kind, step.Kind.ToString());
        Assert.StartsWith(replyStart, Written(), StringComparison.Ordinal);
        Assert.EndsWith("\r\n", Written(), StringComparison.Ordinal);
        Assert.Equal(0, faults.Decisions);
        Assert.Equal(0, _store.Calls);
    }

    [Fact]
    public void Handle_LineTooLong_ErrorWrittenAndTheStepSaysClose()
    {
        RequestHandler handler = Create(new ScriptedFaultStage());
        var buffer = new ReadOnlySequence<byte>("SET k 0123456789\r\n"u8.ToArray());
        RequestParseStatus status = RequestParser.TryParse(ref buffer, maxLineBytes: 4, out ParsedRequest request);

        RequestStep step = handler.Handle(status, request, _output, connectionId: 1, trace: null);

        Assert.Equal(RequestStepKind.LineTooLong, step.Kind);
        Assert.StartsWith("ERR LINE_TOO_LONG ", Written(), StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_DataRequestsWithoutFault_RunAgainstTheStore_OneDecisionEach()
    {
        var faults = new ScriptedFaultStage();
        RequestHandler handler = Create(faults);

        Handle(handler, "SET k v 1", out _);
        Handle(handler, "GET k", out _);
        Handle(handler, "DEL k", out _);
        Handle(handler, "GET k", out _);

        Assert.Equal("OK\r\nVALUE v 1\r\nDELETED\r\nNOT_FOUND\r\n", Written());
        Assert.Equal(4, faults.Decisions);
    }

    [Theory]
    [InlineData("ERROR")]
    [InlineData("DROP")]
    [InlineData("HANG")]
    public void Handle_FailedSet_NotApplied(string mode)
    {
        RequestHandler handler = Create(new ScriptedFaultStage(FaultMode.Parse(mode)));

        RequestStep step = Handle(handler, "SET k v", out _);

        Assert.Equal(mode switch { "ERROR" => RequestStepKind.Replied, "DROP" => RequestStepKind.Drop, _ => RequestStepKind.Hang }, step.Kind);
        Assert.Equal(mode == "ERROR" ? "ERR UNAVAILABLE injected fault; the command was not applied\r\n" : string.Empty, Written());
        Assert.Equal(0, _store.Calls);
    }

    [Fact]
    public void Handle_Delayed_NothingWrittenNorApplied_ResumeAppliesItWithTheSameDecision_WithoutDecidingAgain()
    {
        var faults = new ScriptedFaultStage(FaultMode.CreateDelay(TimeSpan.FromSeconds(5)));
        RequestHandler handler = Create(faults);

        RequestStep step = Handle(handler, "SET k v", out ParsedRequest request);

        Assert.Equal(RequestStepKind.Delay, step.Kind);
        Assert.Equal(TimeSpan.FromSeconds(5), step.Delay);
        Assert.Equal(string.Empty, Written());
        Assert.Equal(0, _store.Calls);

        handler.Resume(request, step, _output, connectionId: 1, trace: null);

        Assert.Equal("OK\r\n", Written());
        Assert.Equal("v", _store["k"]);
        Assert.Equal(1, faults.Decisions);
        Assert.Equal(1, step.Fault.Decision.RequestNumber);
    }

    private RequestHandler Create(IFaultStage faults) =>
        new(_store, faults, new RequestLog(NullLogger<RequestHandler>.Instance));

    private RequestStep Handle(RequestHandler handler, string line, out ParsedRequest request)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line + "\r\n"));
        RequestParseStatus status = RequestParser.TryParse(ref buffer, ProtocolLimits.DefaultMaxLineBytes, out request);
        return handler.Handle(status, request, _output, connectionId: 1, trace: null);
    }

    private string Written() => Encoding.UTF8.GetString(_output.WrittenSpan);
}
