using System.Buffers;
using System.Text;

namespace KeyValue.Protocol;

/// <summary>
/// The reply <c>ERR UNAVAILABLE retry-after=&lt;milliseconds&gt; &lt;standard text&gt;</c>, formatted once: a server
/// builds it when it chooses the retry-after, so that writing it per request only copies bytes and allocates nothing.
/// Immutable and thread-safe.
/// </summary>
public sealed class RetryAfterReply
{
    private readonly byte[] _bytes;
    private readonly string _line;

    /// <summary>Formats the reply for <paramref name="retryAfter"/>.</summary>
    /// <param name="retryAfter">How long the client should wait before it retries; sent in whole milliseconds, rounded up.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is not positive.</exception>
    public RetryAfterReply(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retryAfter, TimeSpan.Zero);
        RetryAfter = retryAfter;

        // Rounding up never tells a client to come back sooner than it was asked to.
        long milliseconds = Math.DivRem(retryAfter.Ticks, TimeSpan.TicksPerMillisecond, out long remainder);
        Milliseconds = remainder == 0 ? milliseconds : milliseconds + 1;

        var output = new ArrayBufferWriter<byte>();
        ReplyWriter.WriteError(output, ErrorCode.Unavailable, ProtocolText.GetRetryAfterText(Milliseconds));
        _bytes = output.WrittenSpan.ToArray();
        _line = Encoding.ASCII.GetString(_bytes.AsSpan(0, _bytes.Length - 2));
    }

    /// <summary>The retry-after as given.</summary>
    public TimeSpan RetryAfter { get; }

    /// <summary>The retry-after as sent: whole milliseconds, at least 1.</summary>
    public long Milliseconds { get; }

    /// <summary>Writes the reply line, CRLF included. Allocates nothing.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.Write(_bytes);
    }

    /// <summary>The reply line without its CRLF, e.g. for logs (formatted once, like the bytes).</summary>
    public override string ToString() => _line;
}
