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
/// Formats trace records as JSON Lines (one object and an LF per record) into a buffer: request lines from pre-encoded
/// pieces, the rare others with one reused <see cref="Utf8JsonWriter"/>. Every line is plain ASCII: anything else in a key
/// is escaped as <c>\uXXXX</c>.
/// </summary>
internal sealed class TraceJson : IDisposable
{
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText TimeName = JsonEncodedText.Encode("time");
    private static readonly JsonEncodedText SpecName = JsonEncodedText.Encode("spec");
    private static readonly JsonEncodedText ModeName = JsonEncodedText.Encode("mode");
    private static readonly JsonEncodedText SourceName = JsonEncodedText.Encode("source");
    private static readonly JsonEncodedText SeedName = JsonEncodedText.Encode("seed");
    private static readonly JsonEncodedText EndedName = JsonEncodedText.Encode("ended");
    private static readonly JsonEncodedText CountName = JsonEncodedText.Encode("count");
    private static readonly JsonEncodedText RequestsName = JsonEncodedText.Encode("requests");
    private static readonly JsonEncodedText DroppedName = JsonEncodedText.Encode("dropped");

    private static readonly JsonEncodedText SpecType = JsonEncodedText.Encode("spec");
    private static readonly JsonEncodedText DroppedType = JsonEncodedText.Encode("dropped");
    private static readonly JsonEncodedText EndType = JsonEncodedText.Encode("end");

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
    private const int MaxFixedRequestBytes = 320;

    // yyyy-MM-ddTHH:mm:ss
    private const int SecondTextLength = 19;

    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter _json;
    private readonly byte[] _secondText = new byte[SecondTextLength];
    private FaultSpec? _lastSpec;
    private JsonEncodedText _lastSpecText;
    private FaultMode? _lastMode;
    private JsonEncodedText _lastModeText;
    private FaultSpec? _piecesSpec;
    private FaultMode? _piecesMode;
    private byte[] _specAndMode = [];
    private long _second = -1;

    public TraceJson(IBufferWriter<byte> output)
    {
        _output = output;

        // Validation off: the shapes are fixed here, and one writer writes many top-level objects (reset after each).
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Lines written so far.</summary>
    public long Lines { get; private set; }

    /// <summary>Request lines written so far.</summary>
    public long Requests { get; private set; }

    /// <summary>
    /// <c>{"type":"request","time":…,"n":3,"total":17,"connection":2,"command":"SET","key":"k2","fault":"error","reply":"ERR UNAVAILABLE","spec":"ON","mode":"ERROR"}</c>;
    /// a key that is not valid UTF-8 is written one character per byte (<c>\u00XX</c>) with <c>"keyEncoding":"latin1"</c>.
    /// </summary>
    /// <remarks>
    /// The one line written per data request, so it is put together by hand from pre-encoded pieces: about an eighth of
    /// what the general writer costs per line (TraceBenchmarks). A key of printable ASCII is copied as it is; any other key
    /// is escaped by the general encoder, as the other lines' texts are.
    /// </remarks>
    public void WriteRequest(in TraceRecord record)
    {
        ReadOnlySpan<byte> keyText = record.Key.Span;
        bool latin1 = false;
        if (keyText.IndexOfAnyExcept(PlainKeyBytes) >= 0)
        {
            keyText = EscapeKey(keyText, out latin1);
        }

        ReadOnlySpan<byte> faultAndReply = FaultAndReply[((int)record.Fault * ReplyCount) + (int)record.Reply];
        ReadOnlySpan<byte> specAndMode = SpecAndMode(record.Spec ?? FaultSpec.Off, record.Mode ?? FaultMode.Error);

        Span<byte> line = _output.GetSpan(MaxFixedRequestBytes + keyText.Length + specAndMode.Length);
        int at = Append(line, 0, RequestStart);
        at += FormatTime(record.UtcTicks, line[at..]);
        at = Append(line, at, NumberPiece);
        at += FormatNumber(record.RequestNumber, line[at..]);
        at = Append(line, at, TotalPiece);
        at += FormatNumber(record.Total, line[at..]);
        at = Append(line, at, ConnectionPiece);
        at += FormatNumber(record.ConnectionId, line[at..]);
        at = Append(line, at, CommandAndKeyStart[CommandIndex(record.Command)]);
        at = Append(line, at, keyText);
        if (latin1)
        {
            at = Append(line, at, Latin1Piece);
        }

        at = Append(line, at, faultAndReply);
        at = Append(line, at, specAndMode);
        _output.Advance(at);
        Lines++;
        Requests++;
    }

    /// <summary>
    /// <c>{"type":"spec","time":…,"spec":"EVERY 3RD OF 5","mode":"ERROR","source":"command-line"}</c>, with <c>seed</c> for a
    /// CHANCE spec and, for one that expired, <c>ended</c> naming the NEXT or FOR spec that ran its course.
    /// </summary>
    public void WriteSpec(FaultChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Begin(SpecType, change.Time.UtcTicks);
        _json.WriteString(SpecName, SpecText(change.Spec));
        _json.WriteString(ModeName, ModeText(change.Mode));
        _json.WriteString(SourceName, change.Kind switch
        {
            FaultChangeKind.Current => SpecSources.CommandLine,
            FaultChangeKind.SpecEnded => SpecSources.Expired,
            _ => change.Source ?? SpecSources.Console,
        });
        if (change.Spec.Kind == FaultSpecKind.Chance)
        {
            _json.WriteNumber(SeedName, change.Seed);
        }

        if (change.EndedSpec is { } ended)
        {
            _json.WriteString(EndedName, ended.ToString());
        }

        End();
    }

    /// <summary><c>{"type":"dropped","time":…,"count":12}</c>: request records dropped since the last such line.</summary>
    public void WriteDropped(long utcTicks, long count)
    {
        Begin(DroppedType, utcTicks);
        _json.WriteNumber(CountName, count);
        End();
    }

    /// <summary><c>{"type":"end","time":…,"requests":1000,"dropped":0}</c>: the last line, written on a clean stop.</summary>
    public void WriteEnd(long utcTicks, long requests, long dropped)
    {
        Begin(EndType, utcTicks);
        _json.WriteNumber(RequestsName, requests);
        _json.WriteNumber(DroppedName, dropped);
        End();
    }

    public void Dispose() => _json.Dispose();

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

    // A key with a quote, a backslash, a control byte or anything not ASCII: escaped as the general writer escapes it.
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
    private ReadOnlySpan<byte> SpecAndMode(FaultSpec spec, FaultMode mode)
    {
        if (!ReferenceEquals(spec, _piecesSpec) || !ReferenceEquals(mode, _piecesMode))
        {
            _piecesSpec = spec;
            _piecesMode = mode;
            _specAndMode = Bytes(
                $",\"spec\":\"{Encoding.UTF8.GetString(SpecText(spec).EncodedUtf8Bytes)}\"" +
                $",\"mode\":\"{Encoding.UTF8.GetString(ModeText(mode).EncodedUtf8Bytes)}\"}}\n");
        }

        return _specAndMode;
    }

    private void Begin(JsonEncodedText type, long utcTicks)
    {
        _json.WriteStartObject();
        _json.WriteString(TypeName, type);

        // ISO 8601 in UTC with seven fractional digits, e.g. 2025-06-01T12:00:00.1234567Z: fixed width, sorts as text.
        Span<byte> time = stackalloc byte[32];
        new DateTime(utcTicks, DateTimeKind.Utc).TryFormat(time, out int written, "O", CultureInfo.InvariantCulture);
        _json.WriteString(TimeName, time[..written]);
    }

    private void End()
    {
        _json.WriteEndObject();
        _json.Flush();
        _output.Write("\n"u8);
        _json.Reset();
        Lines++;
    }

    // Specs and modes change rarely and are immutable: one encoding per instance seen last.
    private JsonEncodedText SpecText(FaultSpec spec)
    {
        if (!ReferenceEquals(spec, _lastSpec))
        {
            _lastSpec = spec;
            _lastSpecText = JsonEncodedText.Encode(spec.ToString());
        }

        return _lastSpecText;
    }

    private JsonEncodedText ModeText(FaultMode mode)
    {
        if (!ReferenceEquals(mode, _lastMode))
        {
            _lastMode = mode;
            _lastModeText = JsonEncodedText.Encode(mode.ToString());
        }

        return _lastModeText;
    }
}
