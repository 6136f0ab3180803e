using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CircuitBreaker.Http.Tests.Kestrel;

/// <summary>A real Kestrel server on 127.0.0.1, listening on one or more ports chosen by the system (port 0), each a
/// different authority. Routes: <c>/ok</c> 200; <c>/fail</c> 500; <c>/status/{code}</c> that status, with
/// <c>Retry-After</c> from <c>?retryAfter=seconds</c> or <c>?retryAfterDate=unix seconds</c>; <c>/hang</c> answers
/// only when the request is aborted; any route answers 500 while <see cref="Failing"/> is set.</summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SemaphoreSlim _hanging = new(0);
    private int _requests;
    private volatile bool _failing;

    private KestrelServer(WebApplication app) => _app = app;

    /// <summary>One base address per port, <c>http://127.0.0.1:port/</c>.</summary>
    public IReadOnlyList<Uri> Addresses { get; private set; } = [];

    public Uri Address => Addresses[0];

    public int Requests => Volatile.Read(ref _requests);

    public bool Failing
    {
        get => _failing;
        set => _failing = value;
    }

    public static async Task<KestrelServer> StartAsync(int ports = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < ports; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0);
            }
        });
        var app = builder.Build();
        var server = new KestrelServer(app);
        server.Map(app);
        await app.StartAsync();
        server.Addresses = [.. app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a.EndsWith('/') ? a : a + "/"))];
        return server;
    }

    /// <summary>Completes when a request to <c>/hang</c> has arrived (one per call).</summary>
    public Task WaitForHangingRequestAsync() => _hanging.WaitAsync(BreakerTestKit.Timeout);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None).WaitAsync(BreakerTestKit.Timeout);
        await _app.DisposeAsync();
        _hanging.Dispose();
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            if (_failing)
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return;
            }

            await next(context);
        });
        app.MapGet("/ok", () => Results.Text("ok"));
        app.MapGet("/fail", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
        app.MapGet("/status/{code:int}", (int code, HttpContext context) =>
        {
            if (context.Request.Query.TryGetValue("retryAfter", out var seconds))
            {
                context.Response.Headers.RetryAfter = seconds.ToString();
            }
            else if (context.Request.Query.TryGetValue("retryAfterDate", out var unix))
            {
                var date = DateTimeOffset.FromUnixTimeSeconds(long.Parse(unix.ToString(), CultureInfo.InvariantCulture));
                context.Response.Headers.RetryAfter = date.ToString("R", CultureInfo.InvariantCulture);
            }

            return Results.StatusCode(code);
        });
        app.MapGet("/hang", async (HttpContext context, IHostApplicationLifetime lifetime) =>
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            _hanging.Release();
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
            }

            return Results.Text("late");
        });
    }
}
