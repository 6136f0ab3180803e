using KeyValue.Demo.Traces;

namespace KeyValue.Demo.Scenarios;

/// <summary>The two traces of a scenario, read once both programs have exited.</summary>
internal sealed record ScenarioTraces(ClientTrace Client, ServerTrace Server);
