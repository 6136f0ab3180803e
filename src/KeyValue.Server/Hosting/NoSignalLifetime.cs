using Microsoft.Extensions.Hosting;

namespace KeyValue.Server.Hosting;

/// <summary>
/// The lifetime of an in-process server (tests): unlike the console lifetime it installs no Ctrl+C or
/// SIGTERM handler, so many servers can run in one process and only their owner stops them.
/// </summary>
internal sealed class NoSignalLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
