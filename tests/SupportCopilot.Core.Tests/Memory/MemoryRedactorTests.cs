using SupportCopilot.Core.Drafting.Guards;
using SupportCopilot.Core.Memory;

namespace SupportCopilot.Core.Tests.Memory;

public class MemoryRedactorTests
{
    private static readonly MemoryRedactor Redactor = new(new PiiRedactor());
    private static readonly MemoryPeople People = new("Anna Berg", "anna.berg@example.com", "Tom Miller");

    [Fact]
    public void AgentReply_LosesTheCustomersName_Address_Phone_OrderNumber_AndTheAgentsName()
    {
        const string reply = "Hi Anna,\n\nI checked order 4471-2231 for anna.berg@example.com and refunded it. Call us on +49 30 1234 5678 if " +
                             "the refund for Ms Berg does not show. Your customer number is KD-889123.\n\nBest regards,\nTom Miller";
        var redacted = Redactor.Redact(reply, People, writtenByAgent: true);

        foreach (var secret in new[] { "Anna", "Berg", "4471", "anna.berg", "1234 5678", "889123", "Tom", "Miller" })
            Assert.DoesNotContain(secret, redacted);
        Assert.StartsWith("Hi [customer name],", redacted);
        Assert.Contains("order [number]", redacted);
        Assert.Contains("[customer email]", redacted);
        Assert.Contains("[phone]", redacted);
        Assert.EndsWith("Best regards,\n[agent name]", redacted);
        Assert.Contains("refunded it", redacted); // the substance stays
    }

    [Fact]
    public void NamesNotKnownBeforehand_AreTakenFromGreetings_SignOffs_AndIntroductions()
    {
        var customer = Redactor.Redact("Hallo Frau Keller,\nmy name is Jonas Weber and my Bestellnummer: A-77812 is late.\n\nViele Grüße\nJonas Weber",
            new MemoryPeople(null, null, null), writtenByAgent: false);
        Assert.DoesNotContain("Keller", customer);
        Assert.DoesNotContain("Jonas", customer);
        Assert.DoesNotContain("77812", customer);
        Assert.Contains("Hallo Frau [name]", customer);
        Assert.Contains("Viele Grüße\n[customer name]", customer);
    }

    [Fact]
    public void OrdinaryWords_AndSmallNumbers_Stay()
    {
        // A customer called Mark must not take "mark" out of an instruction; quantities and model names are not ids.
        var text = Redactor.Redact("Please mark the 2 filters as read and restart the QN65Q80 after 30 seconds.", new MemoryPeople("Mark Lee", null, null), writtenByAgent: true);
        Assert.Equal("Please mark the 2 filters as read and restart the QN65Q80 after 30 seconds.", text);
    }

    [Fact]
    public void Fill_PutsThisCustomersDetailsWhereThePlaceholdersStand_AndLeavesTheRestForTheAgent()
    {
        var filled = MemoryRedactor.Fill("Hi [customer name], we wrote to [customer email] about order [number].\n\nBest regards,\n[agent name]",
            "Lena Fischer", "lena@example.org", "Sam");
        Assert.Equal("Hi Lena Fischer, we wrote to lena@example.org about order [number].\n\nBest regards,\nSam", filled);
        // As a draft nobody has signed yet: the agent line goes, the closing stays.
        Assert.Equal("Hi Lena Fischer, see above.\n\nBest regards,", MemoryRedactor.ForDraft("Hi [customer name], see above.\n\nBest regards,\n[agent name]\n", "Lena Fischer", null));
    }
}
