using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using KeyValue.Faults;
using KeyValue.Protocol;

namespace KeyValue.Server.Trace;

/// <summary>
/// Formats request lines:
/// <c>{"type":"request","time":…,"n":3,"total":17,"connection":2,"command":"SET","key":"k2","fault":"error","reply":"ERR UNAVAILABLE","spec":"ON","mode":"ERROR"}</c>.
/// One per connection (it keeps the last spec, mode and second it formatted); not thread-safe.
/// </summary>
/// <remarks>
/// The one line written per data request, so it is put together by hand from pre-encoded pieces rather than with
/// <see cref="Utf8JsonWriter"/>, at about an eighth of the cost (TraceBenchmarks). A key of printable ASCII is copied as
/// it is; any other key is escaped by the same encoder the general writer uses, so every line is plain ASCII. A key that is
/// not valid UTF-8 is written one character per byte (<c>\u00XX</c>) with <c>"keyEncoding":"latin1"</c>: no byte is lost.
/// </remarks>
internal sealed class RequestLineFormatter
{
    // Bytes a key may hold to be copied into its JSON string as they are: printable ASCII but the quote and the backslash.
    private static readonly SearchValues<byte> PlainKeyBytes = SearchValues.Create(
        [.. Enumerable.Range(0x20, 0x7F - 0x20).Where(b => b != '"' && b != '\\').Select(b => (byte)b)]);

    private static readonly byte[] RequestStart = Bytes("{\"type\":\"request\",\"time\":\"");
    private static readonly byte[] NumberPiece = Bytes("\",\"n\":");
    private static readonly byte[] TotalPiece = Bytes(",\"total\":");
    private static readonly byte[] ConnectionPiece = Bytes(",\"connection\":");
    private static readonly byte[][] CommandAndKeyStart =
        [.. new[] { "GET", "SET", "DEL" }.Select(command => Bytes($",\"command\":\"{command}\",\"key\":\""))];

    private static readonly byte[] Latin1Piece = Bytes("\",\"keyEncoding\":\"latin1");

    private const int ReplyCount = (int)TraceReply.ErrUnavailable + 1;

    // Indexed by fault * ReplyCount + reply: the key's closing quote, then fault and reply.
    private static readonly byte[][] FaultAndReply =
    [
        .. from fault in new[] { "none", "error", "delay", "drop", "hang" }
           from reply in new[] { null, "OK", "VALUE", "NOT_FOUND", "DELETED", "ERR UNAVAILABLE" }
           select Bytes($"\",\"fault\":\"{fault}\",\"reply\":" + (reply is null ? "null" : $"\"{reply}\"")),
    ];

    // Everything but the key, the spec and the mode (the pieces above, a 28-byte time, three 20-digit numbers), with room to spare.
    private const int MaxFixedBytes = 320;

    // yyyy-MM-ddTHH:mm:ss
    private const int SecondTextLength = 19;

    private readonly IBufferWriter<byte> _output;
    private readonly byte[] _secondText = new byte[SecondTextLength];
    private long _second = -1;
    private FaultSpec? _spec;
    private FaultMode? _mode;
    private byte[] _specAndMode = [];

    public RequestLineFormatter(IBufferWriter<byte> output)
    {
        _output = output;
    }

    /// <summary>Writes one request line, with its LF.</summary>
    public void Write(long utcTicks, in FaultDecision decision, long connectionId, CommandKind command, ReadOnlySpan<byte> key, TraceFault fault, TraceReply reply)
    {
        ReadOnlySpan<byte> keyText = key;
        bool latin1 = false;
        if (key.IndexOfAnyExcept(PlainKeyBytes) >= 0)
        {
            keyText = EscapeKey(key, out latin1);
        }

        ReadOnlySpan<byte> specAndMode = SpecAndMode(decision.SpecInForce ?? FaultSpec.Off, decision.ModeInForce ?? FaultMode.Error);
        Span<byte> line = _output.GetSpan(MaxFixedBytes + keyText.Length + specAndMode.Length);
        int at = Append(line, 0, RequestStart);
        at += FormatTime(utcTicks, line[at..]);
        at = Append(line, at, NumberPiece);
        at += FormatNumber(decision.RequestNumber, line[at..]);
        at = Append(line, at, TotalPiece);
        at += FormatNumber(decision.Total, line[at..]);
        at = Append(line, at, ConnectionPiece);
        at += FormatNumber(connectionId, line[at..]);
        at = Append(line, at, CommandAndKeyStart[CommandIndex(command)]);
        at = Append(line, at, keyText);
        if (latin1)
        {
            at = Append(line, at, Latin1Piece);
        }

        at = Append(line, at, FaultAndReply[((int)fault * ReplyCount) + (int)reply]);
        at = Append(line, at, specAndMode);
        _output.Advance(at);
    }

    private static int CommandIndex(CommandKind command) => command switch
    {
        CommandKind.Get => 0,
        CommandKind.Set => 1,
        _ => 2,
    };

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static int Append(Span<byte> line, int at, ReadOnlySpan<byte> piece)
    {
        piece.CopyTo(line[at..]);
        return at + piece.Length;
    }

    private static int FormatNumber(long value, Span<byte> destination)
    {
        Utf8Formatter.TryFormat(value, destination, out int written);
        return written;
    }

    // A key with a quote, a backslash, a control byte or anything not ASCII: escaped as the general writer escapes text.
    private static byte[] EscapeKey(ReadOnlySpan<byte> key, out bool latin1)
    {
        latin1 = !Utf8.IsValid(key);
        if (!latin1)
        {
            return JsonEncodedText.Encode(key).EncodedUtf8Bytes.ToArray();
        }

        // Not UTF-8: each byte becomes the character of the same number, so no byte is lost or replaced.
        Span<char> chars = stackalloc char[key.Length];
        Encoding.Latin1.GetChars(key, chars);
        return JsonEncodedText.Encode(chars).EncodedUtf8Bytes.ToArray();
    }

    // The same text as DateTime's "O" format (2025-06-01T12:00:00.1234567Z), with the part up to the seconds formatted
    // once a second: many requests share it.
    private int FormatTime(long utcTicks, Span<byte> destination)
    {
        long second = utcTicks / TimeSpan.TicksPerSecond;
        if (second != _second)
        {
            new DateTime(second * TimeSpan.TicksPerSecond, DateTimeKind.Utc)
                .TryFormat(_secondText, out _, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
            _second = second;
        }

        _secondText.CopyTo(destination);
        destination[SecondTextLength] = (byte)'.';
        Utf8Formatter.TryFormat((int)(utcTicks % TimeSpan.TicksPerSecond), destination[(SecondTextLength + 1)..], out int digits, new StandardFormat('D', 7));
        destination[SecondTextLength + 1 + digits] = (byte)'Z';
        return SecondTextLength + 1 + digits + 1;
    }

    // The end of a request line, from the spec on: the same for every request until the spec or mode changes.
    private byte[] SpecAndMode(FaultSpec spec, FaultMode mode)
    {
        if (!ReferenceEquals(spec, _spec) || !ReferenceEquals(mode, _mode))
        {
            _spec = spec;
            _mode = mode;
            _specAndMode = Bytes(
                $",\"spec\":\"{Encoding.UTF8.GetString(JsonEncodedText.Encode(spec.ToString()).EncodedUtf8Bytes)}\"" +
                $",\"mode\":\"{Encoding.UTF8.GetString(JsonEncodedText.Encode(mode.ToString()).EncodedUtf8Bytes)}\"}}\n");
        }

        return _specAndMode;
    }
}
