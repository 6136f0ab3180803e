namespace KeyValue.Protocol.Tests;

/// <summary>The same bytes give the same requests however they are split into writes and segments.</summary>
public class RequestParserSplitTests
{
    private const int Max = ProtocolLimits.DefaultMaxLineBytes;

    private const string Script =
        "PING\r\n" +
        "SET greeting hello  world \r\n" +
        "\r\n" +
        "get greeting\n" +
        "   \t  \n" +
        "DEL greeting\r\n" +
        "NOPE x\n" +
        "GET\r\n" +
        "SET k\n" +
        "help\n" +
        "QUIT\r\n";

    private static readonly ParsedLine[] Expected =
    [
        new(RequestParseStatus.Request, CommandKind.Ping, RequestProblem.None, "", ""),
        new(RequestParseStatus.Request, CommandKind.Set, RequestProblem.None, "greeting", "hello  world "),
        new(RequestParseStatus.BlankLine, CommandKind.None, RequestProblem.None, "", ""),
        new(RequestParseStatus.Request, CommandKind.Get, RequestProblem.None, "greeting", ""),
        new(RequestParseStatus.BlankLine, CommandKind.None, RequestProblem.None, "", ""),
        new(RequestParseStatus.Request, CommandKind.Del, RequestProblem.None, "greeting", ""),
        new(RequestParseStatus.Error, CommandKind.None, RequestProblem.UnknownCommand, "", ""),
        new(RequestParseStatus.Error, CommandKind.Get, RequestProblem.WrongArgumentCount, "", ""),
        new(RequestParseStatus.Error, CommandKind.Set, RequestProblem.EmptyValue, "", ""),
        new(RequestParseStatus.Request, CommandKind.Help, RequestProblem.None, "", ""),
        new(RequestParseStatus.Request, CommandKind.Quit, RequestProblem.None, "", ""),
    ];

    [Fact]
    public void TryParse_PipelinedLinesInOneSegment_ParsesEachInOrder()
    {
        Assert.Equal(Expected, RequestFeeder.ParseAll(TestSequence.Single(Script), Max));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void TryParse_AllInOneBufferOfManySegments_ParsesEachInOrder(int segmentSize)
    {
        Assert.Equal(Expected, RequestFeeder.ParseAll(TestSequence.Split(Script, segmentSize), Max));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(1, 4)]
    [InlineData(2, 1)]
    [InlineData(5, 3)]
    [InlineData(13, 2)]
    [InlineData(1000, 1)]
    public void TryParse_FedInChunks_ParsesEachInOrder(int chunkSize, int segmentSize)
    {
        Assert.Equal(Expected, RequestFeeder.Feed(TestSequence.Bytes(Script), chunkSize, segmentSize, Max));
    }

    [Fact]
    public void TryParse_EverySplitPointOfOneRequest_GivesTheSameRequest()
    {
        byte[] line = TestSequence.Bytes("SET  my-key \t a value with spaces \r\n");
        var expected = new ParsedLine(RequestParseStatus.Request, CommandKind.Set, RequestProblem.None, "my-key", "a value with spaces ");

        for (int cut = 0; cut <= line.Length; cut++)
        {
            var buffer = TestSequence.FromChunks(line[..cut], line[cut..]);
            var status = RequestParser.TryParse(ref buffer, Max, out var request);

            Assert.Equal(expected, ParsedLine.From(status, request));
            Assert.True(buffer.IsEmpty);
        }
    }

    [Fact]
    public void TryParse_EveryPrefixWithoutLineFeed_NeedsMoreData()
    {
        byte[] line = TestSequence.Bytes("SET key value\r\n");

        for (int length = 0; length < line.Length; length++)
        {
            var buffer = TestSequence.Split(line[..length], 1);

            Assert.Equal(RequestParseStatus.NeedMoreData, RequestParser.TryParse(ref buffer, Max, out _));
            Assert.Equal(length, buffer.Length);
        }
    }

    [Fact]
    public void TryParse_TenThousandPipelinedRequests_ParsesAllInOrder()
    {
        var script = new System.Text.StringBuilder();
        for (int i = 0; i < 10_000; i++)
        {
            script.Append(i % 2 == 0 ? $"SET key{i} value {i}\r\n" : $"GET key{i - 1}\n");
        }

        var results = RequestFeeder.Feed(TestSequence.Bytes(script.ToString()), chunkSize: 4096, segmentSize: 1000, Max);

        Assert.Equal(10_000, results.Count);
        for (int i = 0; i < results.Count; i++)
        {
            var expected = i % 2 == 0
                ? new ParsedLine(RequestParseStatus.Request, CommandKind.Set, RequestProblem.None, $"key{i}", $"value {i}")
                : new ParsedLine(RequestParseStatus.Request, CommandKind.Get, RequestProblem.None, $"key{i - 1}", "");
            Assert.Equal(expected, results[i]);
        }
    }
}
