namespace KeyValue.Faults.Tests;

public class OrdinalTests
{
    [Theory]
    [InlineData(1, "1ST")]
    [InlineData(2, "2ND")]
    [InlineData(3, "3RD")]
    [InlineData(4, "4TH")]
    [InlineData(10, "10TH")]
    [InlineData(11, "11TH")]
    [InlineData(12, "12TH")]
    [InlineData(13, "13TH")]
    [InlineData(21, "21ST")]
    [InlineData(22, "22ND")]
    [InlineData(23, "23RD")]
    [InlineData(100, "100TH")]
    [InlineData(101, "101ST")]
    [InlineData(111, "111TH")]
    [InlineData(112, "112TH")]
    [InlineData(1001, "1001ST")]
    public void Format_Number_UsesTheEnglishSuffix(int number, string expected)
    {
        Assert.Equal(expected, Ordinal.Format(number));
        Assert.True(Ordinal.TryParse(expected, out int parsed, out _));
        Assert.Equal(number, parsed);
        Assert.True(Ordinal.TryParse(expected.ToLowerInvariant(), out parsed, out _));
        Assert.Equal(number, parsed);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("007", 7)]
    public void TryParse_PlainNumber_IsAccepted(string text, int expected)
    {
        Assert.True(Ordinal.TryParse(text, out int number, out var error));
        Assert.Null(error);
        Assert.Equal(expected, number);
    }

    [Theory]
    [InlineData("", "'' is not a position")]
    [InlineData("RD", "'RD' is not a position")]
    [InlineData("+3", "'+3' is not a position")]
    [InlineData("3TH", "did you mean 3RD?")]
    [InlineData("1ND", "did you mean 1ST?")]
    [InlineData("12ND", "did you mean 12TH?")]
    [InlineData("3R", "did you mean 3RD?")]
    [InlineData("99999999999TH", "is not a position")]
    public void TryParse_Invalid_FailsWithAHint(string text, string expectedFragment)
    {
        Assert.False(Ordinal.TryParse(text, out _, out var error));
        Assert.Contains(expectedFragment, error, StringComparison.Ordinal);
    }
}
