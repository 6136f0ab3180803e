using System.Buffers;
using System.Globalization;
using System.Text.Json;
using KeyValue.Faults;

namespace KeyValue.Server.Trace;

/// <summary>
/// Formats the writer's own lines (<c>spec</c>, <c>dropped</c>, <c>end</c>) as JSON Lines, one object and an LF each, with
/// one reused <see cref="Utf8JsonWriter"/>. Request lines come formatted from the connections (<see cref="RequestLineFormatter"/>).
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

    private readonly IBufferWriter<byte> _output;
    private readonly Utf8JsonWriter _json;

    public TraceJson(IBufferWriter<byte> output)
    {
        _output = output;

        // Validation off: the shapes are fixed here, and one writer writes many top-level objects (reset after each).
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { SkipValidation = true });
    }

    /// <summary>Lines written so far.</summary>
    public long Lines { get; private set; }

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

    /// <summary><c>{"type":"dropped","time":…,"count":12}</c>: request lines dropped since the last such line.</summary>
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

    private static JsonEncodedText SpecText(FaultSpec spec) => JsonEncodedText.Encode(spec.ToString());

    private static JsonEncodedText ModeText(FaultMode mode) => JsonEncodedText.Encode(mode.ToString());
}
