using System.Globalization;
using KeyValue.Demo.Output;
using KeyValue.Demo.Processes;

namespace KeyValue.Demo.Scenarios;

/// <summary>What a scenario can do while the client runs: wait for what the client prints, type into the server's console.</summary>
internal sealed class ScenarioSteps(ServerProcess server, ChildProcess client, DemoConsole console, ScenarioChecks checks, TimeSpan stepTimeout)
{
    /// <summary>
    /// Waits for the client's first line, after position <paramref name="from"/>, that <paramref name="match"/> accepts;
    /// returns the position after it, or null (the failure recorded: "the client did not show <paramref name="what"/>").
    /// </summary>
    public async Task<int?> WaitForClientAsync(string what, Func<string, bool> match, CancellationToken cancellationToken, int from = 0)
    {
        if (await client.Lines.WaitForAsync(from, match, stepTimeout, cancellationToken) is { } position)
        {
            return position + 1;
        }

        checks.Fail(client.Lines.IsComplete
            ? $"the client ended before it showed {what}"
            : string.Create(CultureInfo.InvariantCulture, $"the client did not show {what} within {stepTimeout.TotalSeconds:0.###} s"));
        return null;
    }

    /// <summary>Waits for the client's line of call <paramref name="number"/> (<c>#4 …</c>).</summary>
    public Task<int?> WaitForCallAsync(int number, CancellationToken cancellationToken)
    {
        var head = string.Create(CultureInfo.InvariantCulture, $"#{number} ");
        return WaitForClientAsync(string.Create(CultureInfo.InvariantCulture, $"call #{number}"), line => line.StartsWith(head, StringComparison.Ordinal), cancellationToken);
    }

    public Task<bool> TypeAsync(string command, CancellationToken cancellationToken) => server.TypeAsync(command, checks, cancellationToken);

    /// <summary>A heading within the scenario, for a second part of it.</summary>
    public void Heading(string title, string watch) => console.Heading(title, watch);
}
