using System.Text;

namespace KeyValue.Benchmarks;

/// <summary>
/// The request lines the benchmarks feed in, shaped like kvload's: 16-byte keys <c>key:%012u</c> and 16-byte values,
/// CRLF-terminated.
/// </summary>
internal static class RequestLines
{
    public const string StoredKey = "key:000000000042";
    public const string MissingKey = "key:999999999999";
    public const string NewKey = "key:000000000777";
    public const string Value = "0123456789abcdef";

    public static byte[] GetHit { get; } = Line($"GET {StoredKey}");

    public static byte[] GetMiss { get; } = Line($"GET {MissingKey}");

    public static byte[] SetStored { get; } = Line($"SET {StoredKey} {Value}");

    public static byte[] SetNew { get; } = Line($"SET {NewKey} {Value}");

    public static byte[] DelNew { get; } = Line($"DEL {NewKey}");

    public static byte[] DelMissing { get; } = Line($"DEL {MissingKey}");

    public static byte[] Ping { get; } = Line("PING");

    /// <summary>16 requests in one buffer, as one read from a client pipelining 16: 8 GET hits, 4 GET misses, 4 SET overwrites.</summary>
    public static byte[] Pipelined16 { get; } = BuildPipelined16();

    public const int PipelinedCount = 16;

    private static byte[] Line(string text) => Encoding.ASCII.GetBytes(text + "\r\n");

    private static byte[] BuildPipelined16()
    {
        var text = new StringBuilder();
        for (int i = 0; i < PipelinedCount / 4; i++)
        {
            text.Append($"GET {StoredKey}\r\n");
            text.Append($"GET {MissingKey}\r\n");
            text.Append($"SET {StoredKey} {Value}\r\n");
            text.Append($"GET {StoredKey}\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
