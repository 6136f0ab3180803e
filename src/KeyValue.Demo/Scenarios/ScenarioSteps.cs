using System.Globalization;
using KeyValue.Demo.Output;
using KeyValue.Demo.Processes;

namespace KeyValue.Demo.Scenarios;

/// <summary>
/// What a scenario can do while the client runs: wait for what the client (or a peer) prints, type into the server's
/// console, send a peer a request.
/// </summary>
internal sealed class ScenarioSteps(
    ServerProcess server, ChildProcess client, IReadOnlyList<ChildProcess> peers, DemoConsole console, ScenarioChecks checks, TimeSpan stepTimeout)
{
    /// <summary>
    /// Waits for the client's first line, after position <paramref name="from"/>, that <paramref name="match"/> accepts;
    /// returns the position after it, or null (the failure recorded: "the client did not show <paramref name="what"/>").
    /// </summary>
    public Task<int?> WaitForClientAsync(string what, Func<string, bool> match, CancellationToken cancellationToken, int from = 0) =>
        WaitForAsync(client, "the client", what, match, from, cancellationToken);

    /// <summary>As <see cref="WaitForClientAsync"/>, for peer <paramref name="peer"/> (0 is <c>[client 2]</c>).</summary>
    public Task<int?> WaitForPeerAsync(int peer, string what, Func<string, bool> match, CancellationToken cancellationToken, int from = 0) =>
        WaitForAsync(peers[peer], PeerName(peer), what, match, from, cancellationToken);

    /// <summary>Waits for the client's line of call <paramref name="number"/> (<c>#4 …</c>).</summary>
    public Task<int?> WaitForCallAsync(int number, CancellationToken cancellationToken)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"#{number} ");
        return WaitForClientAsync(string.Create(CultureInfo.InvariantCulture, $"call #{number}"), line => line.StartsWith(head, StringComparison.Ordinal), cancellationToken);
    }

    /// <summary>
    /// Types <paramref name="request"/> into peer <paramref name="peer"/> and waits for the line of its call
    /// (<c>#n …</c>); returns that line, or null (the failure recorded).
    /// </summary>
    public async Task<string?> SendFromPeerAsync(int peer, string request, CancellationToken cancellationToken)
    {
        var process = peers[peer];
        console.Say($"{PeerName(peer)} sends {console.Bold(request)}");
        var from = process.Lines.Count;
        if (!await process.WriteLineAsync(request, cancellationToken))
        {
            checks.Fail($"{PeerName(peer)} is gone: '{request}' could not be sent");
            return null;
        }

        return await WaitForAsync(process, PeerName(peer), $"the call '{request}'", line => line.StartsWith('#'), from, cancellationToken) is { } after
            ? process.Lines[after - 1]
            : null;
    }

    /// <summary>Lines peer <paramref name="peer"/> has printed so far: the position from which to wait for what comes next.</summary>
    public int PeerLines(int peer) => peers[peer].Lines.Count;

    public Task<bool> TypeAsync(string command, CancellationToken cancellationToken) => server.TypeAsync(command, checks, cancellationToken);

    /// <summary>A heading within the scenario, for a second part of it.</summary>
    public void Heading(string title, string watch) => console.Heading(title, watch);

    /// <summary>How the demo names peer <paramref name="peer"/> in its output: <c>client 2</c> for the first.</summary>
    public static string PeerName(int peer) => string.Create(CultureInfo.InvariantCulture, $"client {peer + 2}");

    private async Task<int?> WaitForAsync(
        ChildProcess process, string who, string what, Func<string, bool> match, int from, CancellationToken cancellationToken)
    {
        if (await process.Lines.WaitForAsync(from, match, stepTimeout, cancellationToken) is { } position)
        {
            return position + 1;
        }

        checks.Fail(process.Lines.IsComplete
            ? $"{who} ended before it showed {what}"
            : string.Create(CultureInfo.InvariantCulture, $"{who} did not show {what} within {stepTimeout.TotalSeconds:0.###} s"));
        return null;
    }
}
