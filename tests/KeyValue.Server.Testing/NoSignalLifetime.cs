using Microsoft.Extensions.Hosting;

namespace KeyValue.Server.Testing;

/// <summary>
/// The lifetime of a server inside a test process: unlike the console lifetime it installs no Ctrl+C or SIGTERM
/// handler, so many servers can run in one process and only their owner stops them.
/// </summary>
public sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
