using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

/// <summary>Issue 19.2: a field's confidence reads as the share of such guesses that are right.</summary>
public class ConfidenceCalibrationTests
{
    [Fact]
    public void Fit_PoolsViolators_AndReadsAsTheShareRight_Smoothed()
    {
        // Raw 0.9 is right only half the time, raw 0.4 three times in four: an overconfident model, then an unsure-but-right band.
        var predictions = Enumerable.Range(0, 20).Select(i => (0.4, i % 4 != 0))
            .Concat(Enumerable.Range(0, 20).Select(i => (0.6, i % 4 != 0)))
            .Concat(Enumerable.Range(0, 20).Select(i => (0.9, i % 2 == 0))).ToList();

        var calibration = ConfidenceCalibration.Fit(predictions)!;

        // 0.4 and 0.6 (both 75 % right) stand above 0.9 (50 %): all three pool into one block, 40 of 60 right.
        Assert.Equal(Math.Round(41.0 / 62, 4), calibration.Apply(0.4));
        Assert.Equal(calibration.Apply(0.4), calibration.Apply(0.9));
        Assert.Equal(calibration.Apply(0.9), calibration.Apply(0.99)); // above every block: the top block's share
    }

    [Fact]
    public void Fit_KeepsARisingModelRising_AndNeverClaimsCertaintyFromFewTickets()
    {
        var predictions = Enumerable.Range(0, 10).Select(i => (0.3, i < 3))
            .Concat(Enumerable.Range(0, 10).Select(i => (0.7, i < 7)))
            .Concat(Enumerable.Range(0, 3).Select(_ => (0.95, true))).ToList();

        var calibration = ConfidenceCalibration.Fit(predictions)!;

        Assert.Equal([0.3, 0.7, 0.95], calibration.Upper);
        Assert.Equal(Math.Round(4.0 / 12, 4), calibration.Apply(0.2));
        Assert.Equal(Math.Round(8.0 / 12, 4), calibration.Apply(0.5));
        Assert.Equal(0.8, calibration.Apply(0.95)); // 3 of 3 right reads as 4/5, not 100 %
        Assert.True(calibration.Accuracy.Zip(calibration.Accuracy.Skip(1)).All(p => p.First <= p.Second));
    }

    [Fact]
    public void TooFewPredictions_LeaveConfidencesRaw() =>
        Assert.Null(ConfidenceCalibration.Fit(Enumerable.Range(0, ConfidenceCalibration.MinPredictions - 1).Select(i => (0.5, i % 2 == 0)).ToList()));

    [Fact]
    public void FitCheck_ChoosesItsThresholdOnCalibratedConfidences_AndThePredictorUsesThem()
    {
        // Two easy classes and a noisy third: enough held-back tickets for a calibration.
        var examples = Enumerable.Range(0, 150).Select(i => (i % 3) switch
        {
            0 => ($"The invoice {i} was charged twice on my card", "billing", (float[]?)null),
            1 => ($"The purifier {i} rattles and the fan is loud", "technical", null),
            _ => ($"Question number {i} about something {(i % 2 == 0 ? "invoice" : "fan")}", i % 4 == 0 ? "billing" : "technical", null),
        }).ToList();

        var check = FitCheck.Run(examples, null, 0.8);
        var predictor = FieldPredictor.Train(examples, null);
        var calibrated = new FieldPredictor(predictor.Classifier, predictor.Neighbours, predictor.ClassShares) { Fit = check };

        Assert.NotNull(check.Calibration);
        var raw = predictor.Predict("The invoice 999 was charged twice on my card").Confidence;
        Assert.Equal(check.Calibration!.Apply(raw), calibrated.Predict("The invoice 999 was charged twice on my card").Confidence);
        Assert.Contains(check.Threshold!.Value, check.Calibration.Accuracy); // a threshold is one of the calibrated levels
    }
}
