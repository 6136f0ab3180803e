using KeyValue.Server.Hosting;
using KeyValue.Server.Options;
using KeyValue.Server.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Serilog.Formatting.Display;

namespace KeyValue.Server.Tests.Hosting;

public class ServerHostTests
{
    [Fact]
    public async Task Start_InvalidOptions_ValidatedOnStartWithEveryProblemNamed()
    {
        var options = new ServerOptions { Port = 0, MaxConnections = 0, FaultSpec = "every 6 of 5" };
        using IHost host = ServerHost.Build(options, Environment());

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Collection(
            exception.Failures,
            failure => Assert.StartsWith("--max-connections", failure, StringComparison.Ordinal),
            failure => Assert.StartsWith("--fail", failure, StringComparison.Ordinal));
    }

    [Fact]
    public void ToSerilogLevel_EachLevel_TheSerilogLevelOfTheSameName()
    {
        foreach (ServerLogLevel level in Enum.GetValues<ServerLogLevel>())
        {
            Assert.Equal(level.ToString(), ServerHost.ToSerilogLevel(level).ToString());
        }
    }

    private static ServerHostEnvironment Environment() =>
        new(ConsoleInput: null, ConsoleOutput: TextWriter.Null, TimeProvider.System, new TextWriterSink(TextWriter.Null, new MessageTemplateTextFormatter(ServerHost.LogTemplate)), new NoSignalLifetime());
}
