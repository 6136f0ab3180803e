namespace KeyValue.Demo.Scenarios;

/// <summary>What a scenario writes into its folder under <c>--out</c>.</summary>
internal sealed record ScenarioFiles(string Folder)
{
    public string ClientTrace => Path.Combine(Folder, "client.jsonl");

    /// <summary>The trace of peer <paramref name="peer"/> (0 for the second client, <c>client-2.jsonl</c>).</summary>
    public string PeerTrace(int peer) => Path.Combine(Folder, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"client-{peer + 2}.jsonl"));

    public string ServerTrace => Path.Combine(Folder, "server.jsonl");

    public string Report => Path.Combine(Folder, "report.html");

    public string Timeline => Path.Combine(Folder, "timeline.svg");

    /// <summary>Creates the folder and removes what an earlier run wrote there (only those files), so nothing stale is read or shown.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Folder);
        foreach (var file in new[] { ClientTrace, ServerTrace, Report, Timeline }.Concat(Directory.EnumerateFiles(Folder, "client-*.jsonl")))
        {
            File.Delete(file);
        }
    }
}
