namespace KeyValue.Demo.Scenarios;

/// <summary>What a scenario writes into its folder under <c>--out</c>.</summary>
internal sealed record ScenarioFiles(string Folder)
{
    public string ClientTrace => Path.Combine(Folder, "client.jsonl");

    public string ServerTrace => Path.Combine(Folder, "server.jsonl");

    public string Report => Path.Combine(Folder, "report.html");

    public string Timeline => Path.Combine(Folder, "timeline.svg");

    /// <summary>Creates the folder and removes what an earlier run wrote there (only those files), so nothing stale is read or shown.</summary>
    public void Prepare()
    {
        Directory.CreateDirectory(Folder);
        foreach (var file in new[] { ClientTrace, ServerTrace, Report, Timeline })
        {
            File.Delete(file);
        }
    }
}
