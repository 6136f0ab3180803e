namespace KeyValue.Demo.Scenarios;

/// <summary>
/// One scenario, all of it in one place: its name, heading and what to watch for, what is typed into the server's
/// console before and while the client runs, the client's options, and what the two traces must then show.
/// </summary>
internal sealed record DemoScenario
{
    /// <summary>The <c>--scenario</c> name, and the scenario's folder under <c>--out</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The heading, with its number: <c>1. No failures</c>.</summary>
    public required string Title { get; init; }

    /// <summary>One line for <c>--help</c>.</summary>
    public required string Summary { get; init; }

    /// <summary>What to watch for, printed under the heading.</summary>
    public required string Watch { get; init; }

    /// <summary>Commands typed into the server's console before the client starts.</summary>
    public IReadOnlyList<string> Before { get; init; } = [];

    /// <summary>The client's options (the demo adds <c>--port</c>, <c>--trace</c> and <c>--run-id</c>).</summary>
    public required IReadOnlyList<string> Client { get; init; }

    /// <summary>
    /// The options of further clients (<c>[client 2]</c>, …) that share the first one's circuit through a redis-server the
    /// demo starts (each is given <c>--shared-state</c>); they run <c>--interactive</c> and send only what the scenario
    /// types into them. Empty for a scenario with one client.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> Peers { get; init; } = [];

    /// <summary>What the demo does while the client runs: waits for a client line, types a command, ….</summary>
    public Func<ScenarioSteps, CancellationToken, Task> During { get; init; } = static (_, _) => Task.CompletedTask;

    /// <summary>What the traces must show, beyond the checks every scenario has (see <see cref="ScenarioRunner"/>).</summary>
    public required Action<ScenarioTraces, ScenarioChecks> Checks { get; init; }
}
