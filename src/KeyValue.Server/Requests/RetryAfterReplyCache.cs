using KeyValue.Faults;
using KeyValue.Protocol;

namespace KeyValue.Server.Requests;

/// <summary>
/// The formatted reply of fault mode <c>ERROR RETRY-AFTER</c>: built when the mode is set (on the thread that sets it),
/// so that failing a request only copies bytes. Thread-safe without a lock.
/// </summary>
internal sealed class RetryAfterReplyCache
{
    private RetryAfterReply? _reply;

    /// <summary>Prepares the reply of the injector's mode now and of every mode it is set to later.</summary>
    public RetryAfterReplyCache(FaultInjector faults)
    {
        Prepare(faults.Mode);
        faults.ModeChanged += (_, mode) => Prepare(mode);
    }

    /// <summary>
    /// The reply for <paramref name="retryAfter"/>: the prepared one. A request decided just as the mode changed can
    /// ask before the new reply is prepared (or, with two modes set at once, for the one that lost): it then gets a
    /// freshly formatted reply, never one with another retry-after.
    /// </summary>
    public RetryAfterReply Get(TimeSpan retryAfter)
    {
        RetryAfterReply? reply = Volatile.Read(ref _reply);
        if (reply is null || reply.RetryAfter != retryAfter)
        {
            reply = new RetryAfterReply(retryAfter);
            Volatile.Write(ref _reply, reply);
        }

        return reply;
    }

    private void Prepare(FaultMode mode)
    {
        if (mode.Kind == FaultModeKind.ErrorRetryAfter)
        {
            Get(mode.RetryAfter);
        }
    }
}
