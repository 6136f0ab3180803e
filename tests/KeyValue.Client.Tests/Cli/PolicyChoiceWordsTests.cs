using KeyValue.Client.Cli;

namespace KeyValue.Client.Tests.Cli;

/// <summary>The breaker's own policy named in the words of <c>--shadow</c>, as the trace's run line and the report name it.</summary>
public class PolicyChoiceWordsTests
{
    [Theory]
    [InlineData("fail-max 3")]
    [InlineData("window 10 threshold 5")]
    [InlineData("window 2.5 threshold 0")]
    [InlineData("failure-ratio 0.5 min-throughput 4 window 10")]
    [InlineData("last 10 failures 4")]
    public void Words_ParsedAsAShadow_GiveTheSamePolicyAndTheSameWords(string words)
    {
        var choice = PolicyCommandLine.ParseShadow(words).Shadow!.Policy;

        Assert.Equal(words, choice.Words());
        Assert.Equal(choice, PolicyCommandLine.ParseShadow(choice.Words()).Shadow!.Policy);
    }

    [Fact]
    public void Words_OfTheDefaultPolicy_AreFailMaxThree() => Assert.Equal("fail-max 3", new PolicyChoice().Words());
}
