using KeyValue.Client.Connection;

namespace KeyValue.Client.Tests.Connection;

public class KeyValueRequestTests
{
    [Fact]
    public void FromTypedLine_Set_ValueIsTheRestOfTheLineWithSpaces()
    {
        var request = KeyValueRequest.FromTypedLine("set a  hello  world");

        Assert.Equal(new KeyValueRequest(KeyValueCommand.Set, "a", "hello  world", "set a  hello  world"), request);
        Assert.Equal("SET", request!.Verb);
    }

    [Theory]
    [InlineData("GET a", "Get", "a")]
    [InlineData("  del\tb  ", "Delete", "b")]
    [InlineData("GET a b", "Other", "a")]
    [InlineData("SET a", "Other", "a")]
    [InlineData("PING", "Other", null)]
    [InlineData("FROB x", "Other", "x")]
    public void FromTypedLine_Commands_AreClassified(string line, string command, string? key)
    {
        var request = KeyValueRequest.FromTypedLine(line);

        Assert.Equal(command, request!.Command.ToString());
        Assert.Equal(key, request.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t ")]
    public void FromTypedLine_BlankLine_IsNothing(string line)
    {
        Assert.Null(KeyValueRequest.FromTypedLine(line));
    }

    [Fact]
    public void FromTypedLine_OtherCommand_IsSentAsTypedWithItsVerbUpperCased()
    {
        var request = KeyValueRequest.FromTypedLine("ping");

        Assert.Equal("ping", request!.Line);
        Assert.Equal("PING", request.Verb);
    }

    [Fact]
    public void Factories_BuildTheProtocolLines()
    {
        Assert.Equal("GET k1", KeyValueRequest.Get("k1").Line);
        Assert.Equal("SET k1 v1", KeyValueRequest.Set("k1", "v1").Line);
        Assert.Equal("DEL k1", KeyValueRequest.Delete("k1").Line);
        Assert.Equal("DEL", KeyValueRequest.Delete("k1").Verb);
    }
}
