using SupportCopilot.Core.Knowledge;
using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

public class QueryTermsTests
{
    [Fact]
    public void Extract_DropsStopWordsAndDuplicates()
    {
        Assert.Equal(["replace", "filter", "purifier"], QueryTerms.Extract("Hi, how do I replace the FILTER of my purifier? Filter!"));
    }

    [Fact]
    public void Extract_CapsTermCount()
    {
        var text = string.Join(' ', Enumerable.Range(0, 100).Select(i => $"term{i}"));
        Assert.Equal(16, QueryTerms.Extract(text).Count);
    }

    [Fact]
    public void Coverage_CountsShareOfTermsInPassage()
    {
        Assert.Equal(0.5, QueryTerms.Coverage(["filter", "warranty"], "Replace the filters every six months."));
    }
}
