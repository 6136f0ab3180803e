using System.Buffers;
using KeyValue.Protocol;
using KeyValue.Server.Store;
using KeyValue.Server.Trace;

namespace KeyValue.Server.Requests;

/// <summary>
/// The stages after parsing, for one request: decide the fault (GET, SET and DEL only), execute against the store, write
/// the reply, log and trace. A fault with an effect the connection must act on (delay, drop, hang) is returned as a
/// <see cref="RequestStep"/>; a delayed request is finished by <see cref="Resume"/> with the fault decided here, so it is
/// neither parsed nor decided twice. Synchronous and free of sockets.
/// </summary>
internal sealed class RequestHandler
{
    private readonly IKeyValueStore _store;
    private readonly IFaultStage _faults;
    private readonly RequestLog _log;

    public RequestHandler(IKeyValueStore store, IFaultStage faults, RequestLog log)
    {
        _store = store;
        _faults = faults;
        _log = log;
    }

    /// <summary>Handles one request the parser returned (status Request, Error or LineTooLong).</summary>
    /// <param name="status">What the parser found.</param>
    /// <param name="request">The parsed request; its slices must stay valid until the step is done (a delayed request's too).</param>
    /// <param name="output">Where the reply goes.</param>
    /// <param name="connectionId">The connection, for the log and the trace.</param>
    /// <param name="trace">The connection's trace (<c>--trace</c>): one record per data request; null for none.</param>
    public RequestStep Handle(RequestParseStatus status, in ParsedRequest request, IBufferWriter<byte> output, long connectionId, ConnectionTrace? trace)
    {
        if (status != RequestParseStatus.Request)
        {
            ReplyWriter.WriteRequestError(output, request);
            bool tooLong = status == RequestParseStatus.LineTooLong;
            _log.Other(connectionId, request, tooLong ? "LINE_TOO_LONG" : "ERR");
            return tooLong ? new RequestStep(RequestStepKind.LineTooLong) : RequestStep.Replied;
        }

        switch (request.Command)
        {
            case CommandKind.Ping:
                ReplyWriter.WritePong(output);
                _log.Other(connectionId, request, "PONG");
                return RequestStep.Replied;
            case CommandKind.Help:
                ReplyWriter.WriteHelp(output);
                _log.Other(connectionId, request, "OK <help>");
                return RequestStep.Replied;
            case CommandKind.Quit:
                ReplyWriter.WriteBye(output);
                _log.Other(connectionId, request, "BYE");
                return new RequestStep(RequestStepKind.Quit);
            default:
                return HandleData(request, output, connectionId, trace);
        }
    }

    /// <summary>Finishes a delayed request after its delay, with the fault decided when it was handled.</summary>
    public void Resume(in ParsedRequest request, in RequestStep delayed, IBufferWriter<byte> output, long connectionId, ConnectionTrace? trace) =>
        Execute(request, delayed.Fault, delayed.HandledAtTicks, output, connectionId, trace);

    /// <summary>A delayed request that will never be answered (its connection was cut during the delay): traced with no reply.</summary>
    public static void Abandon(in ParsedRequest request, in RequestStep delayed, ConnectionTrace? trace) =>
        TraceRequest(trace, request, delayed.Fault, delayed.HandledAtTicks, TraceFault.Delay, TraceReply.None);

    private RequestStep HandleData(in ParsedRequest request, IBufferWriter<byte> output, long connectionId, ConnectionTrace? trace)
    {
        // The time is read before the request is numbered: a NEXT spec's end comes after its last request.
        long handledAt = trace?.Now() ?? 0;
        RequestFault fault = _faults.Decide();
        if (fault.Effect == FaultEffect.None)
        {
            Execute(request, fault, handledAt, output, connectionId, trace);
            return RequestStep.Replied;
        }

        _log.Fault(connectionId, request, fault.Decision);
        switch (fault.Effect)
        {
            case FaultEffect.Error:
                if (fault.ErrorReply is { } retryAfter)
                {
                    retryAfter.WriteTo(output);
                    _log.Data(connectionId, request, fault, retryAfter.ToString(), value: default);
                }
                else
                {
                    ReplyWriter.WriteError(output, ErrorCode.Unavailable);
                    _log.Data(connectionId, request, fault, "ERR UNAVAILABLE", value: default);
                }

                TraceRequest(trace, request, fault, handledAt, TraceFault.Error, TraceReply.ErrUnavailable);
                return RequestStep.Replied;
            case FaultEffect.Drop:
                TraceRequest(trace, request, fault, handledAt, TraceFault.Drop, TraceReply.None);
                return new RequestStep(RequestStepKind.Drop, fault, handledAt);
            case FaultEffect.Hang:
                TraceRequest(trace, request, fault, handledAt, TraceFault.Hang, TraceReply.None);
                return new RequestStep(RequestStepKind.Hang, fault, handledAt);
            case FaultEffect.Delay:
                // Traced when it is answered (or abandoned), with the reply it then gets.
                return new RequestStep(RequestStepKind.Delay, fault, handledAt);
            default:
                throw new InvalidOperationException($"Fault effect {fault.Effect} is not handled.");
        }
    }

    private void Execute(in ParsedRequest request, in RequestFault fault, long handledAt, IBufferWriter<byte> output, long connectionId, ConnectionTrace? trace)
    {
        // A key split across buffer segments is copied to the stack; one in a single segment is used in place.
        Span<byte> scratch = request.Key.IsSingleSegment ? default : stackalloc byte[ProtocolLimits.MaxKeyBytes];
        ReadOnlySpan<byte> key = request.GetKeySpan(scratch);
        TraceReply traced;
        switch (request.Command)
        {
            case CommandKind.Get:
                if (_store.TryGet(key, out ReadOnlyMemory<byte> value))
                {
                    ReplyWriter.WriteValue(output, value.Span);
                    _log.Data(connectionId, request, fault, "VALUE", value.Span);
                    traced = TraceReply.Value;
                }
                else
                {
                    ReplyWriter.WriteNotFound(output);
                    _log.Data(connectionId, request, fault, "NOT_FOUND", value: default);
                    traced = TraceReply.NotFound;
                }

                break;
            case CommandKind.Set:
                _store.Set(key, request.Value);
                ReplyWriter.WriteOk(output);
                _log.Data(connectionId, request, fault, "OK", value: default);
                traced = TraceReply.Ok;
                break;
            default:
                bool deleted = _store.Delete(key);
                if (deleted)
                {
                    ReplyWriter.WriteDeleted(output);
                }
                else
                {
                    ReplyWriter.WriteNotFound(output);
                }

                _log.Data(connectionId, request, fault, deleted ? "DELETED" : "NOT_FOUND", value: default);
                traced = deleted ? TraceReply.Deleted : TraceReply.NotFound;
                break;
        }

        // DELAY is the one fault that gets here: it answers normally, late.
        trace?.Request(handledAt, fault.Decision, request.Command, key, fault.Effect == FaultEffect.Delay ? TraceFault.Delay : TraceFault.None, traced);
    }

    private static void TraceRequest(ConnectionTrace? trace, in ParsedRequest request, in RequestFault fault, long handledAt, TraceFault what, TraceReply reply)
    {
        if (trace is not null)
        {
            Span<byte> scratch = request.Key.IsSingleSegment ? default : stackalloc byte[ProtocolLimits.MaxKeyBytes];
            trace.Request(handledAt, fault.Decision, request.Command, request.GetKeySpan(scratch), what, reply);
        }
    }
}
