namespace KeyValue.Protocol.Tests;

public class TestSequenceTests
{
    [Fact]
    public void Split_ByteByByte_MakesOneSegmentPerByteWithSameContent()
    {
        var sequence = TestSequence.Split("abc", 1);

        Assert.False(sequence.IsSingleSegment);
        Assert.Equal(3, sequence.Length);
        Assert.Equal("abc", TestSequence.Text(sequence));
        Assert.Equal(1, sequence.FirstSpan.Length);
    }
}
