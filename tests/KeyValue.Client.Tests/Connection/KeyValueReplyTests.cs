using System.Buffers;
using System.Text;
using KeyValue.Client.Connection;
using KeyValue.Protocol;

namespace KeyValue.Client.Tests.Connection;

public class KeyValueReplyTests
{
    [Theory]
    [InlineData("OK", ReplyKind.Ok)]
    [InlineData("NOT_FOUND", ReplyKind.NotFound)]
    [InlineData("DELETED", ReplyKind.Deleted)]
    [InlineData("PONG", ReplyKind.Pong)]
    [InlineData("ERR BAD_ARGUMENTS empty value", ReplyKind.Error)]
    [InlineData("ERR UNKNOWN_COMMAND unknown command 'FROB'", ReplyKind.Error)]
    [InlineData("ERR LINE_TOO_LONG line longer than 65536 bytes", ReplyKind.Error)]
    public void From_Answers_AreNotFailures(string line, ReplyKind kind)
    {
        var reply = Parse(line);

        Assert.Equal(kind, reply.Kind);
        Assert.Equal(line, reply.Line);
        Assert.False(reply.IsFailure);
    }

    [Theory]
    [InlineData("ERR UNAVAILABLE injected fault")]
    [InlineData("ERR BUSY too many connections")]
    public void From_UnavailableAndBusy_AreFailures(string line)
    {
        Assert.True(Parse(line).IsFailure);
    }

    [Fact]
    public void From_Value_CarriesTheValueWithItsSpaces()
    {
        var reply = Parse("VALUE hello  world");

        Assert.Equal(ReplyKind.Value, reply.Kind);
        Assert.Equal("hello  world", reply.Value);
    }

    [Theory]
    [InlineData("BYE", true)]
    [InlineData("ERR LINE_TOO_LONG too long", true)]
    [InlineData("ERR BUSY too many connections", true)]
    [InlineData("ERR UNAVAILABLE injected fault", false)]
    [InlineData("OK", false)]
    public void From_ClosesConnection_OnlyWhenTheServerCloses(string line, bool closes)
    {
        Assert.Equal(closes, Parse(line).ClosesConnection);
    }

    private static KeyValueReply Parse(string line)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(line + "\r\n"));
        Assert.Equal(ReplyParseStatus.Reply, ReplyParser.TryParse(ref buffer, 1024, out var parsed));
        return KeyValueReply.From(parsed);
    }
}
