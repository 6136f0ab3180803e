using System.Buffers;

namespace KeyValue.Protocol.Tests;

public class RequestParserTests
{
    private const int Max = ProtocolLimits.DefaultMaxLineBytes;

    // ---- every row of the request table ----

    [Theory]
    [InlineData("PING\n", CommandKind.Ping)]
    [InlineData("QUIT\n", CommandKind.Quit)]
    [InlineData("HELP\n", CommandKind.Help)]
    [InlineData("ping\r\n", CommandKind.Ping)]
    [InlineData("PiNg\n", CommandKind.Ping)]
    [InlineData("quit\r\n", CommandKind.Quit)]
    [InlineData("help\n", CommandKind.Help)]
    [InlineData("  \tPING \t \r\n", CommandKind.Ping)]
    public void TryParse_CommandWithoutArguments_ParsesIt(string input, CommandKind expected)
    {
        var request = ParseOne(input, RequestParseStatus.Request);

        Assert.Equal(expected, request.Command);
        Assert.True(request.Key.IsEmpty);
        Assert.True(request.Value.IsEmpty);
        Assert.Equal(RequestProblem.None, request.Problem);
        Assert.Equal(ErrorCode.None, request.ErrorCode);
    }

    [Theory]
    [InlineData("GET key\n", CommandKind.Get, "key")]
    [InlineData("get key\r\n", CommandKind.Get, "key")]
    [InlineData("DEL key\n", CommandKind.Del, "key")]
    [InlineData("del Key\r\n", CommandKind.Del, "Key")]
    [InlineData("GET \t key \t\r\n", CommandKind.Get, "key")]
    [InlineData("GET a:b/c=d\n", CommandKind.Get, "a:b/c=d")]
    public void TryParse_KeyCommand_ParsesKey(string input, CommandKind expected, string key)
    {
        var request = ParseOne(input, RequestParseStatus.Request);

        Assert.Equal(expected, request.Command);
        Assert.Equal(key, TestSequence.Text(request.Key));
        Assert.True(request.Value.IsEmpty);
    }

    [Fact]
    public void TryParse_KeysAreCaseSensitive_KeepsCase()
    {
        Assert.Equal("MyKey", TestSequence.Text(ParseOne("get MyKey\n", RequestParseStatus.Request).Key));
    }

    [Theory]
    [InlineData("SET k v\n", "k", "v")]
    [InlineData("set k v\r\n", "k", "v")]
    [InlineData("SET k hello world\n", "k", "hello world")]
    [InlineData("SET k  \t  hello \t world  \n", "k", "hello \t world  ")]
    [InlineData("SET k v  \r\n", "k", "v  ")]
    [InlineData("SET k\tv\n", "k", "v")]
    [InlineData("SET k a\rb\n", "k", "a\rb")]
    [InlineData("SET k v\r\r\n", "k", "v\r")]
    [InlineData("SET k SET x y\n", "k", "SET x y")]
    public void TryParse_Set_ValueIsRestOfLineByteForByte(string input, string key, string value)
    {
        var request = ParseOne(input, RequestParseStatus.Request);

        Assert.Equal(CommandKind.Set, request.Command);
        Assert.Equal(key, TestSequence.Text(request.Key));
        Assert.Equal(value, TestSequence.Text(request.Value));
    }

    // ---- errors ----

    [Theory]
    [InlineData("FOO\n")]
    [InlineData("PINGS\n")]
    [InlineData("GETX key\n")]
    [InlineData("\0\0\0\n")]
    [InlineData("\u00ff\u00fe garbage\r\n")]
    [InlineData("PING\r\r\n")]
    [InlineData("G ET key\n")]
    public void TryParse_UnknownVerb_IsUnknownCommand(string input)
    {
        var request = ParseOne(input, RequestParseStatus.Error);

        Assert.Equal(RequestProblem.UnknownCommand, request.Problem);
        Assert.Equal(ErrorCode.UnknownCommand, request.ErrorCode);
        Assert.Equal(CommandKind.None, request.Command);
    }

    [Theory]
    [InlineData("PING x\n", CommandKind.Ping)]
    [InlineData("QUIT now\n", CommandKind.Quit)]
    [InlineData("HELP me\n", CommandKind.Help)]
    [InlineData("GET\n", CommandKind.Get)]
    [InlineData("GET   \n", CommandKind.Get)]
    [InlineData("GET a b\n", CommandKind.Get)]
    [InlineData("DEL\r\n", CommandKind.Del)]
    [InlineData("DEL a b\n", CommandKind.Del)]
    [InlineData("SET\n", CommandKind.Set)]
    [InlineData("SET \t \n", CommandKind.Set)]
    public void TryParse_WrongArgumentCount_IsBadArguments(string input, CommandKind command)
    {
        var request = ParseOne(input, RequestParseStatus.Error);

        Assert.Equal(RequestProblem.WrongArgumentCount, request.Problem);
        Assert.Equal(ErrorCode.BadArguments, request.ErrorCode);
        Assert.Equal(command, request.Command);
    }

    [Theory]
    [InlineData("SET k\n")]
    [InlineData("SET k \n")]
    [InlineData("SET k \t \r\n")]
    public void TryParse_SetWithEmptyValue_IsBadArguments(string input)
    {
        var request = ParseOne(input, RequestParseStatus.Error);

        Assert.Equal(RequestProblem.EmptyValue, request.Problem);
        Assert.Equal(ErrorCode.BadArguments, request.ErrorCode);
    }

    [Theory]
    [InlineData("GET a\rb\n")]
    [InlineData("GET k\r\r\n")]
    [InlineData("SET a\rb v\n")]
    public void TryParse_KeyWithCarriageReturn_IsBadArguments(string input)
    {
        var request = ParseOne(input, RequestParseStatus.Error);

        Assert.Equal(RequestProblem.KeyHasCarriageReturn, request.Problem);
        Assert.Equal(ErrorCode.BadArguments, request.ErrorCode);
    }

    [Fact]
    public void TryParse_KeyWithNulAndHighBytes_IsAccepted()
    {
        var request = ParseOne("GET \0\u00ff\n", RequestParseStatus.Request);

        Assert.Equal(new byte[] { 0, 0xff }, request.Key.ToArray());
    }

    // ---- key length bounds ----

    [Theory]
    [InlineData("GET {0}\n")]
    [InlineData("DEL {0}\r\n")]
    [InlineData("SET {0} v\n")]
    public void TryParse_KeyOfMaxKeyBytes_IsAccepted(string template)
    {
        string key = new('k', ProtocolLimits.MaxKeyBytes);

        var request = ParseOne(string.Format(null, template, key), RequestParseStatus.Request);

        Assert.Equal(ProtocolLimits.MaxKeyBytes, request.Key.Length);
    }

    [Theory]
    [InlineData("GET {0}\n")]
    [InlineData("DEL {0}\r\n")]
    [InlineData("SET {0} v\n")]
    public void TryParse_KeyOneByteOverMax_IsBadArguments(string template)
    {
        string key = new('k', ProtocolLimits.MaxKeyBytes + 1);

        var request = ParseOne(string.Format(null, template, key), RequestParseStatus.Error);

        Assert.Equal(RequestProblem.KeyTooLong, request.Problem);
        Assert.Equal(ErrorCode.BadArguments, request.ErrorCode);
    }

    // ---- blank lines ----

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("   \n")]
    [InlineData(" \t \t\r\n")]
    public void TryParse_BlankLine_IsConsumedWithoutReply(string input)
    {
        var buffer = TestSequence.Single(input + "PING\n");

        Assert.Equal(RequestParseStatus.BlankLine, RequestParser.TryParse(ref buffer, Max, out _));
        Assert.Equal(RequestParseStatus.Request, RequestParser.TryParse(ref buffer, Max, out var next));
        Assert.Equal(CommandKind.Ping, next.Command);
        Assert.True(buffer.IsEmpty);
    }

    // ---- incomplete input ----

    [Theory]
    [InlineData("")]
    [InlineData("PING")]
    [InlineData("PING\r")]
    [InlineData("SET k v")]
    public void TryParse_NoLineFeedYet_NeedsMoreDataAndLeavesBufferUnchanged(string input)
    {
        var buffer = TestSequence.Single(input);
        var before = buffer;

        Assert.Equal(RequestParseStatus.NeedMoreData, RequestParser.TryParse(ref buffer, Max, out _));
        Assert.Equal(before, buffer);
    }

    [Fact]
    public void TryParse_ZeroMaxLineBytes_Throws()
    {
        var buffer = TestSequence.Single("PING\n");

        Assert.Throws<ArgumentOutOfRangeException>(() => RequestParser.TryParse(ref buffer, 0, out _));
    }

    private static ParsedRequest ParseOne(string input, RequestParseStatus expected)
    {
        var buffer = TestSequence.Single(input);
        var status = RequestParser.TryParse(ref buffer, Max, out var request);

        Assert.Equal(expected, status);
        Assert.True(buffer.IsEmpty, "the whole line is consumed");
        return request;
    }
}
