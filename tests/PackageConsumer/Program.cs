// What a new user writes after `dotnet add package ActorBreaker.Extensions ActorBreaker.Http`: a breaker registered
// from configuration, and an HttpClient whose endpoint has a breaker of its own. Exits 0 when both behave as the
// packages' READMEs say, 1 otherwise.
using System.Net;
using CircuitBreaker;
using CircuitBreaker.Extensions;
using CircuitBreaker.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Breakers:orders:Policy:Kind"] = "ConsecutiveFailures",
        ["Breakers:orders:Policy:Threshold"] = "2",
        ["Breakers:orders:BreakDuration"] = "00:01:00",
    })
    .Build();

var services = new ServiceCollection();
services.AddCircuitBreaker("orders", configuration.GetSection("Breakers:orders"));
services.AddHttpClient("catalog", client => client.BaseAddress = new Uri("http://127.0.0.1:9/"))
    .ConfigurePrimaryHttpMessageHandler(() => new AlwaysFailing())
    .AddCircuitBreaker(o =>
    {
        o.Scope = HttpCircuitBreakerScope.Authority;
        o.Breaker.Policy = BreakerPolicy.ConsecutiveFailures(2);
    });

await using var provider = services.BuildServiceProvider();
var problems = new List<string>();

var orders = provider.GetRequiredKeyedService<Breaker>("orders");
for (var call = 0; call < 2; call++)
{
    await orders.TryExecuteAsync(static _ => ValueTask.FromException<int>(new InvalidOperationException("down")), CancellationToken.None);
}

Expect("the configured breaker after 2 failures", orders.State, BreakerState.Open);

var catalog = provider.GetRequiredService<IHttpClientFactory>().CreateClient("catalog");
var statuses = new List<string>();
for (var call = 0; call < 3; call++)
{
    try
    {
        using var response = await catalog.GetAsync(new Uri("items", UriKind.Relative));
        statuses.Add(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
    catch (CircuitOpenException)
    {
        statuses.Add("rejected");
    }
}

Expect("the HTTP calls", string.Join(' ', statuses), "500 500 rejected");

foreach (var problem in problems)
{
    Console.Error.WriteLine($"package consumer: {problem}");
}

Console.WriteLine(problems.Count == 0 ? "package consumer: ok" : "package consumer: FAILED");
return problems.Count == 0 ? 0 : 1;

void Expect<T>(string what, T actual, T expected)
{
    if (!EqualityComparer<T>.Default.Equals(actual, expected))
    {
        problems.Add($"{what}: '{actual}', expected '{expected}'");
    }
}

/// <summary>The endpoint, down: every request answered 500.</summary>
internal sealed class AlwaysFailing : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request });
}
