using SupportCopilot.Core.Approval;

namespace SupportCopilot.Core.Tests.Approval;

public class EditDistanceTests
{
    [Theory]
    [InlineData("a b c d", "a b c d", 0.0)]
    [InlineData("a b c d", "a b x d", 0.25)]
    [InlineData("a b c d", "a b c d e", 0.2)]
    [InlineData("a b", "c d e f", 1.0)]
    [InlineData("", "", 0.0)]
    public void Ratio_IsTokenLevenshteinOverLongerLength(string a, string b, double expected) =>
        Assert.Equal(expected, EditDistance.Ratio(a, b));
}
