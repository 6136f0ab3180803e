using KeyValue.Demo.Traces;

namespace KeyValue.Demo.Scenarios;

/// <summary>The traces of a scenario, read once every program has exited: the client's, the server's and the peers' (if any).</summary>
internal sealed record ScenarioTraces(ClientTrace Client, ServerTrace Server, IReadOnlyList<ClientTrace> Peers)
{
    /// <summary>The first client's trace and the peers'.</summary>
    public IEnumerable<ClientTrace> Clients => [Client, .. Peers];
}
