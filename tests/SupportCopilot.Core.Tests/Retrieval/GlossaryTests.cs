using SupportCopilot.Core.Retrieval;

namespace SupportCopilot.Core.Tests.Retrieval;

/// <summary>Issue 17.2: with no model to translate, the glossary's English words let a customer's German, French,
/// Spanish, Italian, Dutch or Portuguese question find English passages.</summary>
public class GlossaryTests
{
    [Theory]
    [InlineData("de", "Rücksendung: brauche ich die Originalverpackung?", "return original packaging")]
    [InlineData("fr", "J'ai oublié mon mot de passe", "password")]
    [InlineData("es", "Devolví el purificador y no he recibido el reembolso", "return returned purifier received refund")]
    [InlineData("it", "Il filtro fa rumore di notte", "filter noise noisy night")]
    [InlineData("nl", "Mijn bestelling is niet aangekomen", "order arrived")]
    [InlineData("pt", "Quero cancelar a assinatura", "cancel subscription")]
    public void KnownWords_BecomeTheirEnglishWords_InTheirOrder(string language, string text, string english) =>
        Assert.Equal(english, Glossary.ToEnglish(text, language));

    [Fact]
    public void AStemInsideALongerMatchingOne_DoesNotCount_AndShortStemsMatchWholeWordsOnly()
    {
        Assert.Equal("screen display", Glossary.ToEnglish("Der Bildschirm", "de")); // not "picture" for "bild"
        Assert.Null(Glossary.ToEnglish("Die Klappe klemmt", "de")); // "app" is a word, not a part of "Klappe"
        Assert.Equal("subscription", Glossary.ToEnglish("Mein Abo", "de"));
        Assert.Equal("speaker", Glossary.ToEnglish("Der Bluetooth-Lautsprecher", "de")); // not "loud" for "laut"
    }

    [Fact]
    public void AccentsAndCaseDoNotMatter()
    {
        Assert.Equal(Glossary.ToEnglish("Rücksendung", "de"), Glossary.ToEnglish("RUCKSENDUNG", "de"));
        Assert.Equal("delivery deliver", Glossary.ToEnglish("LIVRÉ", "fr"));
    }

    [Fact]
    public void NoGlossaryForTheLanguage_OrNoKnownWord_GivesNull()
    {
        Assert.Null(Glossary.ToEnglish("Where is my order?", "en"));
        Assert.Null(Glossary.ToEnglish("Gdzie jest moje zamówienie?", "pl"));
        Assert.Null(Glossary.ToEnglish("Guten Tag zusammen", "de"));
        Assert.Equal(["de", "es", "fr", "it", "nl", "pt"], Glossary.Languages.Order());
    }

    [Fact]
    public void ADraftPicksSentencesByTheQueryAndItsTranslation()
    {
        Assert.Equal(["rücksendung", "return", "packaging"], new RetrievalResult([], 0, "lexical", "return packaging").Terms("Rücksendung"));
        Assert.Equal(["rücksendung"], RetrievalResult.Empty.Terms("Rücksendung"));
    }
}
