namespace KeyValue.Demo.Traces;

/// <summary>What the server's <c>--trace</c> says happened: each fault spec in force, and each data request with what the injector did to it.</summary>
internal sealed record ServerTrace(IReadOnlyList<ServerSpec> Specs, IReadOnlyList<ServerRequest> Requests, bool Ended)
{
    public const string NoFault = "none";

    /// <summary>The specs in order, with who set each, as <c>OFF (command-line), ON (console), …</c>.</summary>
    public string SpecPath => string.Join(", ", Specs.Select(spec => $"{spec.Spec} ({spec.Source})"));

    /// <summary>Data requests the server failed on purpose.</summary>
    public int Faulted => Requests.Count(request => request.Fault != NoFault);

    /// <exception cref="InvalidDataException">The file is missing or not JSON Lines.</exception>
    public static ServerTrace Read(string path)
    {
        var records = JsonLines.Read(path);
        var specs = records.Where(r => r.Type() == "spec")
            .Select(r => new ServerSpec(r.Text("spec") ?? "?", r.Text("mode") ?? "?", r.Text("source") ?? "?"))
            .ToList();
        var requests = records.Where(r => r.Type() == "request")
            .Select(r => new ServerRequest(r.Number("n") ?? 0, r.Text("command") ?? "?", r.Text("fault") ?? "?"))
            .ToList();
        return new ServerTrace(specs, requests, records.Any(r => r.Type() == "end"));
    }
}
