namespace SupportCopilot.Eval.Tests;

/// <summary>The draft calibration fit: weighted logistic regression that learns what separates right quotes from wrong.</summary>
public sealed class CalibrationFitTests
{
    [Fact]
    public void Fit_LearnsThatALeadMeansRight_AndBeatsACoinOnTheSameData()
    {
        // Right exactly when the best hit leads by more than 0.3, whatever the coverage.
        var set = Enumerable.Range(0, 100).Select(i => new CalibrationFit.Outcome(Confidence: 0.4 + i % 5 * 0.1, Margin: i / 100.0, Right: i > 30)).ToList();

        var model = CalibrationFit.Fit([set]);

        Assert.True(model.Margin > 5, $"margin weight {model.Margin}");
        Assert.True(model.Probability(0.6, 0.9) > 0.9);
        Assert.True(model.Probability(0.6, 0.05) < 0.2);
        Assert.True(CalibrationFit.Brier(set, x => model.Probability(x.Confidence, x.Margin)) < 0.1);
    }

    [Fact]
    public void Fit_WeighsEachSetTheSame_NotEachQuestion()
    {
        // A large set where every quote is right and a small one where none is: equal weights meet near one half.
        var large = Enumerable.Repeat(new CalibrationFit.Outcome(0.5, 0.2, true), 900).ToList();
        var small = Enumerable.Repeat(new CalibrationFit.Outcome(0.5, 0.2, false), 10).ToList();

        var model = CalibrationFit.Fit([large, small]);

        Assert.InRange(model.Probability(0.5, 0.2), 0.45, 0.55);
    }
}
