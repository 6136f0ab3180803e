using System.Net;
using Microsoft.Extensions.Logging;

namespace KeyValue.Server.Logging;

/// <summary>
/// Every log line of the server, source-generated: the templates stay structured and nothing is
/// formatted unless the level is enabled. The per-request methods skip the generated level check
/// because their callers check first, before turning bytes into strings.
/// </summary>
internal static partial class ServerLog
{
    /// <summary>
    /// The category of the start and stop lines. It is logged at information whatever <c>--log-level</c>
    /// says: scripts and load tests read the port from the <c>listening on</c> line.
    /// </summary>
    public const string LifecycleCategory = "KeyValue.Server.Lifecycle";

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "listening on {Host}:{Port}")]
    public static partial void Listening(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Stopped accepting connections; waiting for {OpenConnections} open connections to finish")]
    public static partial void StoppingAccepting(ILogger logger, int openConnections);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{OpenConnections} connections did not finish in time and were aborted")]
    public static partial void AbortedConnections(ILogger logger, int openConnections);

    [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "Server stopped")]
    public static partial void Stopped(ILogger logger);

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Accepting a connection failed; still listening")]
    public static partial void AcceptFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "Connection {ConnectionId} from {RemoteEndPoint} opened")]
    public static partial void ConnectionOpened(ILogger logger, long connectionId, EndPoint? remoteEndPoint);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Connection {ConnectionId} closed ({Reason})")]
    public static partial void ConnectionClosed(ILogger logger, long connectionId, string reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Connection {ConnectionId} refused: {OpenConnections} connections is the limit (--max-connections)")]
    public static partial void ConnectionRefusedBusy(ILogger logger, long connectionId, int openConnections);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "Connection {ConnectionId} waits for its client to read replies")]
    public static partial void WaitingForClientToRead(ILogger logger, long connectionId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Connection {ConnectionId} failed")]
    public static partial void ConnectionFailed(ILogger logger, long connectionId, Exception exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "[{ConnectionId}] #{RequestNumber} {Command} {Key} -> {Reply}", SkipEnabledCheck = true)]
    public static partial void DataRequest(ILogger logger, long connectionId, long requestNumber, string command, string key, string reply);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "[{ConnectionId}] #{RequestNumber} SET {Key} {Value} -> {Reply}", SkipEnabledCheck = true)]
    public static partial void SetRequest(ILogger logger, long connectionId, long requestNumber, string key, string value, string reply);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "[{ConnectionId}] {Request} -> {Reply}", SkipEnabledCheck = true)]
    public static partial void OtherRequest(ILogger logger, long connectionId, string request, string reply);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "[{ConnectionId}] #{RequestNumber} {Command} {Key} -> FAULT {FaultMode} (spec {FaultSpec})", SkipEnabledCheck = true)]
    public static partial void FaultInjected(ILogger logger, long connectionId, long requestNumber, string command, string key, string faultMode, string faultSpec);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Console: {Command} -> {Answer}")]
    public static partial void ConsoleCommand(ILogger logger, string command, string answer);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Console input ended; the server keeps running")]
    public static partial void ConsoleInputEnded(ILogger logger);

    [LoggerMessage(EventId = 22, Level = LogLevel.Warning, Message = "The operator console failed; the server keeps running")]
    public static partial void ConsoleFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 30, Level = LogLevel.Information, Message = "Tracing to {Path}")]
    public static partial void TraceStarted(ILogger logger, string path);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "The trace writer is falling behind: more than {Capacity} request records were waiting, so request records are being dropped; the trace {Path} counts them")]
    public static partial void TraceDropping(ILogger logger, string path, int capacity);

    [LoggerMessage(EventId = 32, Level = LogLevel.Information, Message = "Trace {Path} closed: {Requests} request records, {Dropped} dropped")]
    public static partial void TraceClosed(ILogger logger, string path, long requests, long dropped);

    [LoggerMessage(EventId = 33, Level = LogLevel.Warning, Message = "Trace {Path} closed: {Requests} request records, {Dropped} dropped because the writer fell behind")]
    public static partial void TraceClosedWithDrops(ILogger logger, string path, long requests, long dropped);

    [LoggerMessage(EventId = 34, Level = LogLevel.Error, Message = "Writing the trace {Path} failed; tracing has stopped, the server goes on")]
    public static partial void TraceWriteFailed(ILogger logger, string path, Exception exception);
}
