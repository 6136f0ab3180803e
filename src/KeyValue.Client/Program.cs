using KeyValue.Client;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the run cleanly (summary, trace); a second one kills the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

return await ClientApplication.RunAsync(args, ClientEnvironment.FromConsole(), stop.Token);
