namespace KeyValue.Protocol.Tests;

/// <summary>The line-length limit, exactly at and one past the bound, with LF and CRLF, in one or many segments.</summary>
public class RequestParserLimitTests
{
    private const string SetPrefix = "SET k ";

    public static TheoryData<int, int> Limits => new()
    {
        // max line bytes, segment size
        { 16, 1 },
        { 16, 5 },
        { 16, 1000 },
        { ProtocolLimits.DefaultMaxLineBytes, 4096 },
        { ProtocolLimits.DefaultMaxLineBytes, 100_000 },
    };

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_LineExactlyAtLimitWithLf_IsAccepted(int max, int segmentSize)
    {
        string content = SetLine(max);

        var result = ParseFirst(content + "\n", max, segmentSize);

        Assert.Equal(RequestParseStatus.Request, result.Status);
        Assert.Equal(max - SetPrefix.Length, result.Value.Length);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_LineExactlyAtLimitWithCrLf_IsAccepted(int max, int segmentSize)
    {
        string content = SetLine(max);

        var result = ParseFirst(content + "\r\n", max, segmentSize);

        Assert.Equal(RequestParseStatus.Request, result.Status);
        Assert.Equal(max - SetPrefix.Length, result.Value.Length);
        Assert.DoesNotContain('\r', result.Value);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_LineOnePastLimitWithLf_IsLineTooLong(int max, int segmentSize)
    {
        Assert.Equal(RequestParseStatus.LineTooLong, ParseFirst(SetLine(max + 1) + "\n", max, segmentSize).Status);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_LineOnePastLimitWithCrLf_IsLineTooLong(int max, int segmentSize)
    {
        Assert.Equal(RequestParseStatus.LineTooLong, ParseFirst(SetLine(max + 1) + "\r\n", max, segmentSize).Status);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_LimitBytesWithoutTerminator_NeedsMoreData(int max, int segmentSize)
    {
        Assert.Equal(RequestParseStatus.NeedMoreData, ParseFirst(SetLine(max), max, segmentSize).Status);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_LimitBytesThenCr_NeedsMoreDataUntilTheNextByte(int max, int segmentSize)
    {
        string content = SetLine(max);

        Assert.Equal(RequestParseStatus.NeedMoreData, ParseFirst(content + "\r", max, segmentSize).Status);
        Assert.Equal(RequestParseStatus.Request, ParseFirst(content + "\r\n", max, segmentSize).Status);
        Assert.Equal(RequestParseStatus.LineTooLong, ParseFirst(content + "\rx", max, segmentSize).Status);
    }

    [Theory]
    [MemberData(nameof(Limits))]
    public void TryParse_OnePastLimitWithoutLf_IsLineTooLongWithoutWaitingForTheLf(int max, int segmentSize)
    {
        Assert.Equal(RequestParseStatus.LineTooLong, ParseFirst(SetLine(max + 1), max, segmentSize).Status);
    }

    [Fact]
    public void TryParse_OverlongLineWithLfFarAway_IsLineTooLongAndBufferUnchanged()
    {
        var buffer = TestSequence.Split(new string('x', 40) + "\nPING\n", 7);
        long before = buffer.Length;

        var status = RequestParser.TryParse(ref buffer, 16, out var request);

        Assert.Equal(RequestParseStatus.LineTooLong, status);
        Assert.Equal(RequestProblem.LineTooLong, request.Problem);
        Assert.Equal(ErrorCode.LineTooLong, request.ErrorCode);
        Assert.Equal(before, buffer.Length);
    }

    [Fact]
    public void TryParse_OverlongBlankLine_IsLineTooLong()
    {
        Assert.Equal(RequestParseStatus.LineTooLong, ParseFirst(new string(' ', 17) + "\n", 16, 3).Status);
    }

    [Fact]
    public void TryParse_LinesAtLimitPipelined_AllAccepted()
    {
        string line = SetLine(16);
        var results = RequestFeeder.Feed(TestSequence.Bytes(line + "\n" + line + "\r\n" + line + "\n"), chunkSize: 5, segmentSize: 2, 16);

        Assert.Equal(3, results.Count);
        Assert.All(results, r => Assert.Equal(RequestParseStatus.Request, r.Status));
    }

    [Fact]
    public void TryParse_FedByteByByte_ReportsTooLongAtTheFirstByteThatProvesIt()
    {
        const int max = 16;
        byte[] input = TestSequence.Bytes(SetLine(max + 10) + "\n");

        for (int length = 0; length <= input.Length; length++)
        {
            var buffer = TestSequence.Split(input[..length], 1);
            var status = RequestParser.TryParse(ref buffer, max, out _);

            var expected = length <= max ? RequestParseStatus.NeedMoreData : RequestParseStatus.LineTooLong;
            Assert.Equal(expected, status);
        }
    }

    private static string SetLine(int length) => SetPrefix + new string('v', length - SetPrefix.Length);

    private static ParsedLine ParseFirst(string input, int max, int segmentSize)
    {
        var buffer = TestSequence.Split(input, segmentSize);
        var status = RequestParser.TryParse(ref buffer, max, out var request);
        return ParsedLine.From(status, request);
    }
}
