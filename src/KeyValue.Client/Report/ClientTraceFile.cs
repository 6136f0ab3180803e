using KeyValue.Client.Trace;

namespace KeyValue.Client.Report;

/// <summary>
/// Reads a client trace (<c>--trace</c>) and checks its shape: a <c>run</c> line first and only there, a
/// <c>summary</c> line (if any) last, and shadow lines only for the shadows the run line names.
/// </summary>
internal static class ClientTraceFile
{
    /// <exception cref="TraceFormatException">A line is malformed or out of place.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ClientTrace Read(string path)
    {
        var lines = JsonLinesFile.Read(path, ClientTraceJsonContext.Default.ClientTraceRecord);
        if (lines.Count == 0)
        {
            throw new TraceFormatException(path, 1, "the trace is empty; it must start with a \"run\" line");
        }

        if (lines[0].Record is not RunTraceRecord run)
        {
            throw new TraceFormatException(path, lines[0].Line, $"the trace must start with a \"run\" line, not a \"{TypeOf(lines[0].Record)}\" line");
        }

        var shadows = run.Shadows.Select(shadow => shadow.Name).ToHashSet(StringComparer.Ordinal);
        var records = new List<ClientTraceRecord>();
        SummaryTraceRecord? summary = null;
        foreach (var (line, record) in lines.Skip(1))
        {
            if (summary is not null)
            {
                throw new TraceFormatException(path, line, $"a \"{TypeOf(record)}\" line after the summary; the summary is the last line");
            }

            switch (record)
            {
                case RunTraceRecord:
                    throw new TraceFormatException(path, line, "a second \"run\" line; a trace holds one run");
                case SummaryTraceRecord last:
                    summary = last;
                    break;
                case ShadowTraceRecord shadow when !shadows.Contains(shadow.Name):
                    throw new TraceFormatException(path, line, $"shadow '{shadow.Name}' is not one of the run's shadows");
                default:
                    records.Add(record);
                    break;
            }
        }

        return new ClientTrace(path, run, records, summary);
    }

    private static string TypeOf(ClientTraceRecord record) => record switch
    {
        RunTraceRecord => "run",
        RequestTraceRecord => "request",
        TransitionTraceRecord => "transition",
        ShadowTraceRecord => "shadow",
        _ => "summary",
    };
}
