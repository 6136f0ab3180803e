using KeyValue.Demo;
using KeyValue.Demo.Output;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C ends the demo cleanly (the client's summary, the server stopped); a second one kills it.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};

return await DemoApplication.RunAsync(args, DemoConsole.FromConsole(), stop.Token);
