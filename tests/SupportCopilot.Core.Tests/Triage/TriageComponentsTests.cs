using SupportCopilot.Core.Triage;

namespace SupportCopilot.Core.Tests.Triage;

public class TriageComponentsTests
{
    private static readonly (string, string)[] Examples =
    [
        .. Enumerable.Range(0, 15).Select(i => ($"I want my money back for order {i}, please refund me", "refund/return")),
        .. Enumerable.Range(0, 15).Select(i => ($"How do I pair device {i} with the wifi app", "question")),
    ];

    [Fact]
    public void Classifier_LearnsSeparableClasses_AndSurvivesSaveAndLoad()
    {
        var classifier = FieldClassifier.Train(Examples);

        var (label, confidence) = classifier.Predict("please refund my money for the order");
        Assert.Equal("refund/return", label);
        Assert.InRange(confidence, 0.5, 1.0);
        var loaded = FieldClassifier.Load(classifier.Save(), classifier.Classes);
        Assert.Equal(classifier.Predict("how to pair the wifi app"), loaded.Predict("how to pair the wifi app"));
    }

    [Fact]
    public void Classifier_OneClassOnly_IsRefused() =>
        Assert.Throws<ArgumentException>(() => FieldClassifier.Train([("a", "x"), ("b", "x")]));

    [Theory]
    [InlineData("Hello, my purifier shows error E2 and the fan does not start. What can I do?", "en")]
    [InlineData("Hallo, nach dem Filterwechsel zeigt mein Luftreiniger den Fehler an und ich kann nicht", "de")]
    [InlineData("Mi purificador muestra el error y la aplicación no lo encuentra. ¿Qué debo hacer?", "es")]
    [InlineData("Le carton est arrivé abîmé et il manque l'adaptateur. Que dois-je faire avec le produit ?", "fr")]
    [InlineData("Мой очиститель воздуха не включается после замены фильтра", "ru")]
    [InlineData("空气净化器更换滤网后无法开机", "zh")]
    [InlineData("フィルター交換後に電源が入りません", "ja")]
    [InlineData("جهاز تنقية الهواء لا يعمل", "ar")]
    public void Language_IsDetectedOffline(string text, string expected) => Assert.Equal(expected, LanguageDetector.Detect(text).Language);

    [Theory] // short lines without function words: spelling decides (issue 19.2 target: English ≥ 0.6)
    [InlineData("Security", "en")]
    [InlineData("Data Breach Identified in Hospital Network", "en")]
    [InlineData("Billing Discrepancy", "en")]
    [InlineData("Notwendige Technische Unterstützung", "de")]
    [InlineData("Rechnungsstellung", "de")]
    [InlineData("Facturación incorrecta", "es")]
    [InlineData("Problème réseau", "fr")]
    [InlineData("Fatturazione errata", "it")]
    [InlineData("Facturação", "pt")]
    [InlineData("Beschikbaarheid", "nl")]
    public void Language_OfShortLines_ComesFromSpelling_AtUsefulConfidence(string text, string expected)
    {
        var (language, confidence) = LanguageDetector.Detect(text);
        Assert.Equal(expected, language);
        Assert.True(confidence >= 0.6, $"{confidence}");
    }

    [Theory] // neither function words nor cues: plain ASCII words are English more often than not (measured), others a guess
    [InlineData("Medical Support", "en", 0.6)]
    [InlineData("Cancel subscription", "en", 0.6)]
    [InlineData("Xyz Qrp", "en", 0.6)]
    [InlineData("Żubr Łąka", "en", 0.3)]
    public void Language_NothingRecognisable_IsAGuess(string text, string language, double confidence) =>
        Assert.Equal((language, confidence), LanguageDetector.Detect(text));

    [Theory] // prepositions and pronouns each language does not share with the others
    [InlineData("Probleme auf dem System", "de")]
    [InlineData("Support from Customer", "en")]
    [InlineData("Problème sur votre site", "fr")]
    [InlineData("Problema del sistema", "es")]
    [InlineData("Problema della stampante", "it")]
    [InlineData("Probleem op mijn laptop", "nl")]
    [InlineData("Problema na sua loja", "pt")]
    public void Language_OfShortLines_ComesFromTheirFunctionWords(string text, string expected) =>
        Assert.Equal(expected, LanguageDetector.Detect(text).Language);

    [Fact]
    public void Language_NoLetters_IsUndetermined() => Assert.Equal(("und", 0.0), LanguageDetector.Detect("12345 !!! ???"));

    [Theory]
    [InlineData("This is unacceptable, I am very disappointed, the device is broken again!", "negative")]
    [InlineData("Great product, I love it, the app is excellent.", "positive")]
    [InlineData("Thanks, how do I change the filter?", "neutral")]
    public void Sentiment_ByLexicon(string text, string expected) => Assert.Equal(expected, SentimentLexicon.Detect(text).Sentiment);

    [Fact]
    public void Text_HtmlIsReducedToTextAndHugeBodiesAreCut()
    {
        Assert.Equal("Subject Hello broken fan", TriageText.Prepare("Subject", "<html><body><div>Hello <b>broken</b> fan</div><script></script></body></html>"));
        Assert.Equal(TriageText.MaxChars, TriageText.Prepare("s", new string('x', 1_000_000)).Length);
        Assert.Equal("", TriageText.Prepare(null, null));
    }
}
