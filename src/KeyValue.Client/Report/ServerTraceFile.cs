using KeyValue.Faults;

namespace KeyValue.Client.Report;

/// <summary>Reads a server trace and parses each spec line's spec with the server's own parser.</summary>
internal static class ServerTraceFile
{
    /// <exception cref="TraceFormatException">A line is malformed, or its spec is not one the server knows.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ServerTrace Read(string path)
    {
        var specs = new List<ServerSpecChange>();
        var requests = new List<ServerRequestRecord>();
        long dropped = 0;
        foreach (var (line, record) in JsonLinesFile.Read(path, ServerTraceJsonContext.Default.ServerTraceRecord))
        {
            switch (record)
            {
                case ServerSpecRecord spec:
                    specs.Add(FaultSpec.TryParse(spec.Spec, out var parsed, out var error)
                        ? new ServerSpecChange(spec.Time, parsed, spec.Mode, spec.Source)
                        : throw new TraceFormatException(path, line, $"spec \"{spec.Spec}\": {error}"));
                    break;
                case ServerRequestRecord request:
                    requests.Add(request);
                    break;
                case ServerDroppedRecord drop:
                    dropped += drop.Count;
                    break;
            }
        }

        return new ServerTrace(path, specs, requests, dropped);
    }
}
